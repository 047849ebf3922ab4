ALTER TABLE "reports" ALTER COLUMN "year" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "kind" text DEFAULT 'report' NOT NULL;--> statement-breakpoint
ALTER TABLE "report_revisions" ADD COLUMN "version" integer;--> statement-breakpoint
UPDATE "report_revisions" SET "version" = "revision";--> statement-breakpoint
ALTER TABLE "report_revisions" ALTER COLUMN "version" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "report_revisions" ADD COLUMN "kind" text DEFAULT 'edit' NOT NULL;--> statement-breakpoint
UPDATE "report_revisions" SET "kind" = 'create' WHERE "revision" = 1;--> statement-breakpoint
ALTER TABLE "report_revisions" ADD COLUMN "restored_from_version" integer;--> statement-breakpoint
ALTER TABLE "report_revisions" ADD COLUMN "started_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
UPDATE "report_revisions" SET "started_at" = "saved_at";--> statement-breakpoint
ALTER TABLE "report_revisions" DROP CONSTRAINT "report_revisions_report_id_revision_pk";--> statement-breakpoint
ALTER TABLE "report_revisions" ADD CONSTRAINT "report_revisions_report_id_version_pk" PRIMARY KEY("report_id","version");
