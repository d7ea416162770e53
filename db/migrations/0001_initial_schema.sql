CREATE TABLE "call_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "call_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"call_sid" text NOT NULL,
	"kind" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call_sessions" (
	"call_sid" text PRIMARY KEY NOT NULL,
	"line" text NOT NULL,
	"revision_id" integer NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"step" text NOT NULL,
	"phase" text DEFAULT 'enter' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"seq" integer DEFAULT 0 NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"caller_number" text,
	"outcome" text,
	"end_status" text,
	"duration_s" integer,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "call_turns" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "call_turns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"call_sid" text NOT NULL,
	"seq" integer NOT NULL,
	"step" text NOT NULL,
	"language" text NOT NULL,
	"reply" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flow_drafts" (
	"flow_key" text PRIMARY KEY NOT NULL,
	"document" jsonb NOT NULL,
	"base_revision_id" integer,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flow_revisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "flow_revisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"flow_key" text NOT NULL,
	"version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"message" text NOT NULL,
	"author" text NOT NULL,
	"restored_from" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"names" jsonb NOT NULL,
	"keypad" integer
);
--> statement-breakpoint
CREATE TABLE "services" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"department_code" text NOT NULL,
	"group" text NOT NULL,
	"names" jsonb NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"keywords" jsonb NOT NULL,
	"aliases" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"handling" text DEFAULT 'report' NOT NULL,
	"keypad" integer,
	"attributes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_clients" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_clients_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_clients_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "department_keys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "department_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"department_code" text NOT NULL,
	"key_hash" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "department_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "request_reports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "request_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"request_id" bigint NOT NULL,
	"caller_number" text,
	"words" text DEFAULT '' NOT NULL,
	"call_sid" text,
	"idempotency_key" text,
	"wants_text" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_updates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "request_updates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"request_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"status" text,
	"note" text DEFAULT '' NOT NULL,
	"author" text NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"confirmation" text NOT NULL,
	"service_code" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"requested_action" text DEFAULT '' NOT NULL,
	"caller_number" text,
	"first_name" text,
	"last_name" text,
	"email" text,
	"channel" text NOT NULL,
	"idempotency_key" text,
	"call_sid" text,
	"address_string" text,
	"lat" double precision,
	"long" double precision,
	"precision" text,
	"place_id" integer,
	"location_words" text,
	"location_detail" text,
	"neighborhood" text,
	"council_district" text,
	"police_district" text,
	"needs_review" boolean DEFAULT false NOT NULL,
	"report_count" integer DEFAULT 1 NOT NULL,
	"wants_text" boolean DEFAULT false NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"media_url" text,
	"agency" text NOT NULL,
	"outcome" text,
	"duplicate_of" bigint,
	"expected_at" timestamp with time zone,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"provider_sid" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "callbacks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "callbacks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"queue" text NOT NULL,
	"call_sid" text NOT NULL,
	"number" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"agent_number" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_waits" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "queue_waits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"call_sid" text NOT NULL,
	"queue" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_announced_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"result" text,
	"queue_time_s" integer
);
--> statement-breakpoint
CREATE TABLE "address_points" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "address_points_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"street" text NOT NULL,
	"house_number" integer NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "areas" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "areas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"code" text,
	"geometry" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "place_names" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "place_names_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"place_id" integer NOT NULL,
	"search" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "places" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "places_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"search" text NOT NULL,
	"address" text,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"streets" text[] DEFAULT '{}' NOT NULL,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "streets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "streets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"full_name" text NOT NULL,
	"dir_pre" text DEFAULT '' NOT NULL,
	"name" text NOT NULL,
	"type" text DEFAULT '' NOT NULL,
	"dir_suf" text DEFAULT '' NOT NULL,
	"search" text NOT NULL,
	"core" text DEFAULT '' NOT NULL,
	"plain" text DEFAULT '' NOT NULL,
	"kinds" text DEFAULT '' NOT NULL,
	"segments" integer NOT NULL,
	"min_address" integer,
	"max_address" integer,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admin_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seed_runs" (
	"name" text PRIMARY KEY NOT NULL,
	"checksum" text NOT NULL,
	"rows" integer NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_reports" ADD CONSTRAINT "request_reports_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_updates" ADD CONSTRAINT "request_updates_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_names" ADD CONSTRAINT "place_names_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_sessions" ADD CONSTRAINT "admin_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_events_kind_at_idx" ON "call_events" USING btree ("kind","at");--> statement-breakpoint
CREATE INDEX "call_events_call_idx" ON "call_events" USING btree ("call_sid");--> statement-breakpoint
CREATE INDEX "call_sessions_started_at_idx" ON "call_sessions" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "call_sessions_caller_idx" ON "call_sessions" USING btree ("caller_number");--> statement-breakpoint
CREATE UNIQUE INDEX "call_turns_call_seq_idx" ON "call_turns" USING btree ("call_sid","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "flow_revisions_key_version_idx" ON "flow_revisions" USING btree ("flow_key","version");--> statement-breakpoint
CREATE INDEX "request_reports_request_idx" ON "request_reports" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "request_reports_idempotency_idx" ON "request_reports" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "request_updates_request_idx" ON "request_updates" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "request_updates_idempotency_idx" ON "request_updates" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "service_requests_confirmation_idx" ON "service_requests" USING btree ("confirmation");--> statement-breakpoint
CREATE UNIQUE INDEX "service_requests_idempotency_idx" ON "service_requests" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "service_requests_requested_at_idx" ON "service_requests" USING btree ("requested_at");--> statement-breakpoint
CREATE INDEX "service_requests_updated_at_idx" ON "service_requests" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "service_requests_caller_idx" ON "service_requests" USING btree ("caller_number");--> statement-breakpoint
CREATE INDEX "service_requests_service_status_idx" ON "service_requests" USING btree ("service_code","status");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe_idx" ON "outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "callbacks_call_idx" ON "callbacks" USING btree ("call_sid");--> statement-breakpoint
CREATE INDEX "callbacks_queue_status_idx" ON "callbacks" USING btree ("queue","status","joined_at");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_waits_call_queue_idx" ON "queue_waits" USING btree ("call_sid","queue");--> statement-breakpoint
CREATE INDEX "queue_waits_queue_joined_idx" ON "queue_waits" USING btree ("queue","joined_at");--> statement-breakpoint
CREATE INDEX "address_points_street_idx" ON "address_points" USING btree ("street","house_number");--> statement-breakpoint
CREATE INDEX "areas_kind_idx" ON "areas" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "place_names_search_trgm_idx" ON "place_names" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "place_names_place_idx" ON "place_names" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "place_names_search_idx" ON "place_names" USING btree ("search");--> statement-breakpoint
CREATE INDEX "places_search_trgm_idx" ON "places" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "places_kind_idx" ON "places" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "places_streets_idx" ON "places" USING gin ("streets");--> statement-breakpoint
CREATE INDEX "streets_search_trgm_idx" ON "streets" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "streets_core_trgm_idx" ON "streets" USING gin ("core" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "streets_plain_trgm_idx" ON "streets" USING gin ("plain" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "streets_name_idx" ON "streets" USING btree ("name");--> statement-breakpoint
CREATE INDEX "streets_core_idx" ON "streets" USING btree ("core");--> statement-breakpoint
CREATE INDEX "admin_sessions_expires_idx" ON "admin_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");