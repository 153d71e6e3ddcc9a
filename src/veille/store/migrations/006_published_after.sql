-- A date inferred from the text of an undated article is a lower bound, not its date: it moves
-- from `published` to `published_after`, and `published` stays null.
ALTER TABLE documents ADD COLUMN published_after TEXT;
UPDATE documents
SET published_after = published, published = NULL, published_precision = 'unknown',
    published_source = 'none'
WHERE published_source = 'inferred';
