// Package input reads the files a user gives Factmark to import or open:
// whatever the path names, it never blocks, never reads more than the limit,
// and says in plain words why a file cannot be read. It serves the command
// line and the desk alike.
package input

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/filekind"
)

// ReadFile returns the content of the regular file at path, of at most limit
// bytes. Anything else is refused before a byte is read: a folder, a device
// (/dev/zero would never end), a named pipe (opening one waits for a
// writer), a socket. The size is checked before reading, and the read stops
// at limit+1 bytes all the same, for files whose size the system does not
// know or that grow while read. Errors are EINVALID (ENOTFOUND for a path
// that does not exist) and name the path.
func ReadFile(path string, limit int64) ([]byte, error) {
	return read(path, limit, true)
}

// ReadHead returns at most the first n bytes of the regular file at path,
// with the checks of ReadFile but no limit on the file's size: enough to
// tell a file's format, and so its limit, before reading it all.
func ReadHead(path string, n int64) ([]byte, error) {
	return read(path, n, false)
}

// Open opens the regular file at path for reading, with the checks of
// ReadFile but no limit: for a reader that takes the file a piece at a
// time (a project's export, larger than memory would hold whole).
func Open(path string) (*os.File, error) {
	return open(path, -1)
}

// open opens the regular file at path, refusing one larger than limit
// bytes (none when limit < 0).
func open(path string, limit int64) (*os.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, statError(path, err)
	}
	if err := checkRegular(path, info); err != nil {
		return nil, err
	}
	if limit >= 0 && info.Size() > limit {
		return nil, tooLarge(path, info.Size(), limit)
	}
	// O_NONBLOCK: should path have been replaced by a FIFO since Stat, open
	// must not wait for a writer; the check below then refuses it.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, statError(path, err)
	}
	if info, err = f.Stat(); err != nil {
		f.Close()
		return nil, statError(path, err)
	}
	if err := checkRegular(path, info); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func read(path string, limit int64, whole bool) ([]byte, error) {
	max := int64(-1)
	if whole {
		max = limit
	}
	f, err := open(path, max)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if !whole {
		limit--
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "cannot read %s: %v", path, unwrap(err))
	}
	if whole && int64(len(data)) > limit {
		return nil, annotate.Errorf(annotate.EINVALID, "%s is larger than the limit of %s", path, megabytes(limit))
	}
	return data, nil
}

// checkRegular refuses anything but a regular file, saying what it is.
func checkRegular(path string, info os.FileInfo) error {
	what := filekind.Of(info.Mode())
	if what == "" {
		return nil
	}
	return annotate.Errorf(annotate.EINVALID, "%s is %s, not a file; give the path of a text or annotation file", path, what)
}

func statError(path string, err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return &annotate.Error{Code: annotate.ENOTFOUND, Message: fmt.Sprintf("cannot read %s: there is no such file", path), Err: err}
	case errors.Is(err, os.ErrPermission):
		return &annotate.Error{Code: annotate.EINVALID, Message: fmt.Sprintf("cannot read %s: permission denied", path), Err: err}
	}
	return &annotate.Error{Code: annotate.EINVALID, Message: fmt.Sprintf("cannot read %s: %v", path, unwrap(err)), Err: err}
}

func tooLarge(path string, size, limit int64) error {
	return annotate.Errorf(annotate.EINVALID, "%s is %s; the limit is %s", path, megabytes(size), megabytes(limit))
}

// megabytes writes a size for people: "16 MB", "300.4 MB", or bytes
// below 1 MB.
func megabytes(n int64) string {
	switch {
	case n < 1<<20:
		return fmt.Sprintf("%d bytes", n)
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
