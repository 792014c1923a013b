CREATE TABLE "live_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"prompt" text NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"multiple" boolean DEFAULT false NOT NULL,
	"scale_max" integer DEFAULT 5 NOT NULL,
	"correct" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"revealed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_activities_kind_check" CHECK ("live_activities"."kind" in ('poll', 'rating', 'words', 'wall', 'quiz')),
	CONSTRAINT "live_activities_scale_check" CHECK ("live_activities"."scale_max" between 2 and 10)
);
--> statement-breakpoint
CREATE TABLE "live_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" uuid,
	"guest_token_hash" text,
	"nickname" text,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"body" text NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"answered" boolean DEFAULT false NOT NULL,
	"answer" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"choices" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"value" integer,
	"text" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"course_slug" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"allow_guests" boolean DEFAULT true NOT NULL,
	"show_names" boolean DEFAULT false NOT NULL,
	"guest_links" boolean DEFAULT false NOT NULL,
	"current_activity_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "live_sessions_status_check" CHECK ("live_sessions"."status" in ('draft', 'running', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "live_upvotes" (
	"post_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	CONSTRAINT "live_upvotes_post_id_participant_id_pk" PRIMARY KEY("post_id","participant_id")
);
--> statement-breakpoint
ALTER TABLE "live_activities" ADD CONSTRAINT "live_activities_session_id_live_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."live_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_participants" ADD CONSTRAINT "live_participants_session_id_live_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."live_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_participants" ADD CONSTRAINT "live_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_posts" ADD CONSTRAINT "live_posts_activity_id_live_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."live_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_posts" ADD CONSTRAINT "live_posts_participant_id_live_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."live_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_responses" ADD CONSTRAINT "live_responses_activity_id_live_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."live_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_responses" ADD CONSTRAINT "live_responses_participant_id_live_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."live_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_upvotes" ADD CONSTRAINT "live_upvotes_post_id_live_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."live_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_upvotes" ADD CONSTRAINT "live_upvotes_participant_id_live_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."live_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "live_activities_session_idx" ON "live_activities" USING btree ("session_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "live_participants_user_idx" ON "live_participants" USING btree ("session_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "live_participants_guest_idx" ON "live_participants" USING btree ("session_id","guest_token_hash");--> statement-breakpoint
CREATE INDEX "live_participants_user_sessions_idx" ON "live_participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "live_posts_activity_idx" ON "live_posts" USING btree ("activity_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "live_responses_one_per_participant_idx" ON "live_responses" USING btree ("activity_id","participant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "live_sessions_code_idx" ON "live_sessions" USING btree ("code");--> statement-breakpoint
CREATE INDEX "live_sessions_owner_idx" ON "live_sessions" USING btree ("owner_id");