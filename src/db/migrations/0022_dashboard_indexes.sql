CREATE INDEX "self_checks_period_person_idx" ON "self_checks" USING btree ("period","person_id");--> statement-breakpoint
CREATE INDEX "goals_year_person_idx" ON "goals" USING btree ("fiscal_year","person_id");--> statement-breakpoint
CREATE INDEX "interviews_year_person_idx" ON "interviews" USING btree ("fiscal_year","person_id");--> statement-breakpoint
CREATE INDEX "training_sessions_starts_idx" ON "training_sessions" USING btree ("starts_at");