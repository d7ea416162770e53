CREATE INDEX "place_names_search_idx" ON "place_names" USING btree ("search");--> statement-breakpoint
CREATE INDEX "streets_core_idx" ON "streets" USING btree ("core");