-- Where a running job is, for a panel: "part 2 of 4" (set with each lease renewal).
-- A SQLite file made before migrations were recorded may already have it: migrations.py counts
-- a column that is already there as added.
ALTER TABLE jobs ADD COLUMN note TEXT;
