-- Request id (trace id of the enqueuing web request) carried into the worker's log lines of the job.
ALTER TABLE "OutboxTx" ADD COLUMN "requestId" TEXT;
