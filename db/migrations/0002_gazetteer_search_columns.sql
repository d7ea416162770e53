CREATE TABLE "address_points" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "address_points_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"street" text NOT NULL,
	"house_number" integer NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "place_names" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "place_names_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"place_id" integer NOT NULL,
	"search" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "streets" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "streets" ADD COLUMN "core" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "streets" ADD COLUMN "plain" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "streets" ADD COLUMN "kinds" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "place_names" ADD CONSTRAINT "place_names_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "address_points_street_idx" ON "address_points" USING btree ("street","house_number");--> statement-breakpoint
CREATE INDEX "place_names_search_trgm_idx" ON "place_names" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "place_names_place_idx" ON "place_names" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "places_streets_idx" ON "places" USING gin ("streets");--> statement-breakpoint
CREATE INDEX "streets_core_trgm_idx" ON "streets" USING gin ("core" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "streets_plain_trgm_idx" ON "streets" USING gin ("plain" gin_trgm_ops);