-- Entity linking per mention: the knowledge-base entry, the within-document entity key and,
-- for equipment, the category (see records.Mention).
ALTER TABLE mentions ADD COLUMN kb_entry TEXT;
ALTER TABLE mentions ADD COLUMN cluster TEXT;
ALTER TABLE mentions ADD COLUMN category TEXT;
