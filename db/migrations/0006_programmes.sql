CREATE TABLE "programme_courses" (
	"programme_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"optional" boolean DEFAULT false NOT NULL,
	"requires" uuid[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "programme_courses_programme_id_course_id_pk" PRIMARY KEY("programme_id","course_id")
);
--> statement-breakpoint
CREATE TABLE "programme_enrolments" (
	"user_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_enrolments_user_id_programme_id_pk" PRIMARY KEY("user_id","programme_id")
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text,
	"description_vi" text NOT NULL,
	"description_en" text,
	"optional_pick" integer DEFAULT 0 NOT NULL,
	"optional_title_vi" text,
	"optional_title_en" text,
	"published" boolean DEFAULT true NOT NULL,
	"content_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certificates" ALTER COLUMN "course_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ALTER COLUMN "course_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "learner_assignments" ALTER COLUMN "course_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "programme_id" uuid;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "evidence" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "programme_id" uuid;--> statement-breakpoint
ALTER TABLE "learner_assignments" ADD COLUMN "programme_id" uuid;--> statement-breakpoint
ALTER TABLE "programme_courses" ADD CONSTRAINT "programme_courses_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_courses" ADD CONSTRAINT "programme_courses_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_enrolments" ADD CONSTRAINT "programme_enrolments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_enrolments" ADD CONSTRAINT "programme_enrolments_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "programme_courses_course_idx" ON "programme_courses" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "programme_enrolments_programme_idx" ON "programme_enrolments" USING btree ("programme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programmes_slug_key" ON "programmes" USING btree ("slug");--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_assignments" ADD CONSTRAINT "learner_assignments_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_programme_issue_key" ON "certificates" USING btree ("user_id","programme_id","cycle") WHERE replaces_id is null and programme_id is not null;--> statement-breakpoint
CREATE INDEX "assignments_programme_idx" ON "assignments" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "learner_assignments_programme_idx" ON "learner_assignments" USING btree ("programme_id","user_id");--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_one_subject" CHECK ((course_id is null) <> (programme_id is null));--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_one_subject" CHECK ((course_id is null) <> (programme_id is null));--> statement-breakpoint
ALTER TABLE "learner_assignments" ADD CONSTRAINT "learner_assignments_one_subject" CHECK ((course_id is null) <> (programme_id is null));