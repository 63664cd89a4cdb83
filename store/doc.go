// Package store keeps Factmark's project in one SQLite file: articles (with
// where their text came from: a PDF's pages, a transcript's turns, and the
// source file, kept compressed), their revisions (ReviseArticle replaces the
// text and every annotation, re-anchored, in one transaction; earlier texts
// stay readable through FindRevisions), speakers, annotations (with how
// re-anchoring placed them, and the orphans whose text is gone), the
// fact-check workflow's records (evidence records shared by notes, with
// their snapshots; claims' approvals and corrections; threaded comments)
// and settings. It is the only package that speaks SQL.
//
// Every change is one transaction committed with synchronous=FULL in WAL
// mode, so a change that returned nil survives the process being killed.
// Every change also appends its entries to the audit log (who, when, which
// field of what, old → new; audit.go) in that same transaction, so neither
// lands without the other; triggers refuse to change or delete an entry.
// Changes go through one writer connection whose transactions take the write
// lock at BEGIN; reads go through a pool of read connections whose
// transactions are deferred, so a read never waits for another program's
// write lock. The schema is created and migrated from the numbered SQL files
// embedded from migrations/, recorded in PRAGMA user_version. Open refuses,
// with a message that says why and without writing, a file that is not a
// Factmark database, is locked by another process, comes from a newer
// version, or is damaged; it refuses a FIFO or a device before opening it.
// On a project larger than 64 MB, Open checks the structure only (header,
// length, schema, the first row of each table) and defers SQLite's full
// check, a second a gigabyte, to Check: the desk runs it once its window
// shows, a write runs or waits for it first, and after it has failed every
// write is refused (verify.go).
// A project whose file or folder this process cannot write is opened
// read-only, leaving no file beside it: reads work and every write says the
// project is read-only. OpenExisting, for the commands that only read, never
// creates a project.
package store
