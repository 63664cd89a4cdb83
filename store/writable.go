package store

import (
	"path/filepath"
	"syscall"
)

// writable reports whether this process may write the project file and its
// folder (SQLite creates the -wal and -shm files there). A project that
// fails either is opened read-only.
func writable(path string) bool {
	const wOK = 2 // W_OK
	return syscall.Access(path, wOK) == nil && syscall.Access(filepath.Dir(path), wOK) == nil
}
