-- The read layer asks statement_speakers by article (a story's speakers, counted by
-- person) and by the speaker name as articles wrote it (/speakers/NAME): both were scans.
-- The article index also serves the ON DELETE CASCADE from articles.
CREATE INDEX statement_speakers_article ON statement_speakers(article_id);
CREATE INDEX statement_speakers_name ON statement_speakers(name_key);
