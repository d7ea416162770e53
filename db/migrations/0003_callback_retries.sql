ALTER TABLE "callbacks" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "callbacks" ADD COLUMN "last_result" text;--> statement-breakpoint
ALTER TABLE "callbacks" ADD COLUMN "answered_at" timestamp with time zone;