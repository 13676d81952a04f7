-- Article lists are newest first (undated last), written ORDER BY published_day DESC
-- NULLS LAST, seq in both dialects: the index follows that order exactly.
DROP INDEX IF EXISTS articles_newest;
CREATE INDEX articles_newest ON articles(published_day DESC NULLS LAST, seq);
