-- Provider storefronts: /providers/<slug> with logo, colours, bio, links; optional custom domain (unique).
CREATE TABLE "ProviderStorefront" (
    "userId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "bio" TEXT NOT NULL DEFAULT '',
    "logoId" TEXT,
    "primaryColor" TEXT,
    "accentColor" TEXT,
    "links" JSONB NOT NULL DEFAULT '[]',
    "customDomain" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProviderStorefront_pkey" PRIMARY KEY ("userId")
);

CREATE UNIQUE INDEX "ProviderStorefront_slug_key" ON "ProviderStorefront"("slug");
CREATE UNIQUE INDEX "ProviderStorefront_customDomain_key" ON "ProviderStorefront"("customDomain");

ALTER TABLE "ProviderStorefront" ADD CONSTRAINT "ProviderStorefront_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ProviderStorefront" ADD CONSTRAINT "ProviderStorefront_logoId_fkey" FOREIGN KEY ("logoId") REFERENCES "MediaAsset"("id") ON DELETE SET NULL ON UPDATE CASCADE;
