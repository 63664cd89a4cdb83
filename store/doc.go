// Package store keeps Factmark's project in one SQLite file: articles,
// speakers, annotations and settings. It is the only package that speaks SQL.
//
// Every change is one transaction committed with synchronous=FULL in WAL
// mode, so a change that returned nil survives the process being killed. The
// schema is created and migrated from the numbered SQL files embedded from
// migrations/, recorded in PRAGMA user_version. Open refuses, with a message
// that says why and without writing, a file that is not a Factmark database,
// is locked by another process, comes from a newer version, or is damaged.
package store
