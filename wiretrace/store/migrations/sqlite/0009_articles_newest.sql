-- Article lists are newest first (undated last): an index in that order lets a page
-- of a large store read its rows in order instead of sorting the whole table.
CREATE INDEX articles_newest ON articles(published_day DESC, seq);
