CREATE INDEX "call_sessions_line_started_idx" ON "call_sessions" USING btree ("line","started_at");--> statement-breakpoint
CREATE INDEX "request_reports_created_at_idx" ON "request_reports" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "service_requests_open_requested_idx" ON "service_requests" USING btree ("requested_at") WHERE closed_at is null;