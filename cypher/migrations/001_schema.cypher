// Schema for geokg. Every statement is idempotent (IF NOT EXISTS): applying this file twice changes nothing.

// Stable ids, one per label that is looked up by id.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT redirect_from IF NOT EXISTS FOR (r:Redirect) REQUIRE r.fromId IS UNIQUE;

// Lookups the API and the writer make.
CREATE INDEX entity_type IF NOT EXISTS FOR (e:Entity) ON (e.type);
CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name);
CREATE INDEX article_url IF NOT EXISTS FOR (a:Article) ON (a.url);
CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.publishedAt);
CREATE INDEX claim_type_date IF NOT EXISTS FOR (c:Claim) ON (c.type, c.eventDate);
CREATE INDEX claim_article IF NOT EXISTS FOR (c:Claim) ON (c.articleId);
CREATE INDEX claim_key IF NOT EXISTS FOR (c:Claim) ON (c.relationKey);

// Multilingual search over names and aliases. `searchKeys` holds the names normalized by geokg
// (Arabic letter variants and clitics, diacritics, Latin accents); the analyzer folds what remains.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (e:Entity) ON EACH [e.name, e.aliases, e.searchKeys]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };
