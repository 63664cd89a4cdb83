// Package atomicfile writes files so that a reader, or the user after a
// crash, finds the old content or the new, never a part: the data goes to a
// temporary file beside the target, is synced, and is renamed over it. It
// serves the command line's exports and the desk's alike.
//
// It never loses a file the user did not ask to lose: it refuses a target
// that is not a regular file (a device, a named pipe, a folder, a socket)
// and the files named with Protect (the open project's database), by path
// and as the same file through links. A replaced file keeps its mode; a new
// one gets 0666 less the umask, as any program's. Temporary files are named
// .NAME.factmark-tmp-PID-RANDOM, so that a later write to the same target
// removes those a dead process left, and CleanUpOnSignal removes those in
// flight when the process is interrupted.
package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/filekind"
)

// Option changes how a file is written.
type Option func(*options)

type options struct {
	protected []protected
}

type protected struct {
	path, what string
}

// Protect refuses to write over any of paths, which are what (for the
// message: "the open project's database"). A path protected need not exist.
func Protect(what string, paths ...string) Option {
	return func(o *options) {
		for _, p := range paths {
			o.protected = append(o.protected, protected{p, what})
		}
	}
}

// Write writes data to path atomically.
func Write(path string, data []byte, opts ...Option) error {
	return WriteFunc(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, opts...)
}

// WriteFunc writes what fill writes to path atomically; if fill fails,
// path is left as it was.
func WriteFunc(path string, fill func(io.Writer) error, opts ...Option) error {
	target, old, err := checked(path, opts)
	if err != nil {
		return err
	}
	removeLeftovers(target)
	f, err := createTemp(target)
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer finish(tmp)
	if old != nil {
		keepOwnerAndMode(f, old)
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := rename(tmp, target); err != nil {
		return err
	}
	syncDir(filepath.Dir(target))
	return nil
}

// resolve returns the file a write to path replaces: path itself, or, when
// path is a link to a regular file, the file it points at, so that the link
// stays a link. old is the file's information if it exists.
func resolve(path string) (target string, old os.FileInfo, err error) {
	linfo, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return path, nil, nil
	} else if err != nil {
		return "", nil, err
	}
	if linfo.Mode()&os.ModeSymlink == 0 {
		return path, linfo, refuseKind(path, linfo)
	}
	info, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		dest, _ := os.Readlink(path)
		return "", nil, annotate.Errorf(annotate.EINVALID, "%s is a link to %s, which does not exist; it was left alone — write to another file", path, dest)
	} else if err != nil {
		return "", nil, err
	}
	if err := refuseKind(path, info); err != nil {
		return "", nil, err
	}
	target, err = filepath.EvalSymlinks(path)
	return target, info, err
}

// refuseKind refuses anything but a regular file: renaming over a device
// or a pipe would replace it with a file, and a folder cannot be replaced.
func refuseKind(path string, info os.FileInfo) error {
	what := filekind.Of(info.Mode())
	if what == "" {
		return nil
	}
	return annotate.Errorf(annotate.EINVALID, "%s is %s, not a regular file; it was left alone — write to a file", path, what)
}

// check refuses a target that is a protected file, by its path (links in
// its folders resolved) or, if both exist, as the same file.
func (o *options) check(path, target string, old os.FileInfo) error {
	real := realPath(target)
	for _, p := range o.protected {
		same := realPath(p.path) == real
		if !same && old != nil {
			if info, err := os.Stat(p.path); err == nil && os.SameFile(info, old) {
				same = true
			}
		}
		if same {
			return annotate.Errorf(annotate.EINVALID, "%s is %s (%s); it was left alone — write to another file", path, p.what, p.path)
		}
	}
	return nil
}

// realPath is path absolute, with the links in it resolved as far as they
// exist.
func realPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}

// tempPrefix is how the temporary files for target begin.
func tempPrefix(target string) string {
	return "." + filepath.Base(target) + ".factmark-tmp-"
}

// createTemp creates the temporary file beside target with mode 0666, which
// the umask narrows, and records it as in flight.
func createTemp(target string) (*os.File, error) {
	var r [6]byte
	rand.Read(r[:])
	name := filepath.Join(filepath.Dir(target), tempPrefix(target)+strconv.Itoa(os.Getpid())+"-"+hex.EncodeToString(r[:]))
	mu.Lock()
	defer mu.Unlock()
	f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o666)
	if err == nil {
		inFlight[name] = true
	}
	return f, err
}

// keepOwnerAndMode gives the temporary file the mode of the file it will
// replace, and its owner and group where this process may (as root).
func keepOwnerAndMode(f *os.File, old os.FileInfo) {
	f.Chmod(old.Mode().Perm())
	if st, ok := old.Sys().(*syscall.Stat_t); ok && (int(st.Uid) != os.Geteuid() || int(st.Gid) != os.Getegid()) {
		f.Chown(int(st.Uid), int(st.Gid)) // best effort: only root may give a file away
	}
}

// rename puts the temporary file in place. It holds mu, so that an
// interruption either finds the temporary file (and removes it) or finds
// the rename done.
func rename(tmp, target string) error {
	mu.Lock()
	defer mu.Unlock()
	if err := os.Rename(tmp, target); err != nil {
		return err
	}
	delete(inFlight, tmp)
	return nil
}

// finish removes the temporary file if it is still there (the write failed).
func finish(tmp string) {
	mu.Lock()
	defer mu.Unlock()
	if inFlight[tmp] {
		os.Remove(tmp)
		delete(inFlight, tmp)
	}
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// removeLeftovers removes the temporary files for target that processes no
// longer running left behind (killed with SIGKILL, or by a power cut).
func removeLeftovers(target string) {
	dir, prefix := filepath.Dir(target), tempPrefix(target)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		pidText, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid <= 0 || pid == os.Getpid() {
			continue
		}
		if errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

var (
	mu       sync.Mutex
	inFlight = map[string]bool{} // temporary files being written
)

// RemoveInFlight removes the temporary files of the writes under way and
// keeps any more from being renamed into place. It is for a process about
// to exit.
func RemoveInFlight() {
	mu.Lock() // never unlocked: no rename may follow
	for name := range inFlight {
		os.Remove(name)
	}
}

// CleanUpOnSignal makes SIGINT and SIGTERM remove the temporary files in
// flight and end the process with the shell's code for the signal (130,
// 143), until stop is called. It is for commands; a program with its own
// way to quit calls RemoveInFlight itself.
func CleanUpOnSignal() (stop func()) {
	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		select {
		case sig := <-ch:
			RemoveInFlight()
			code := 1
			if s, ok := sig.(syscall.Signal); ok {
				code = 128 + int(s)
			}
			fmt.Fprintf(os.Stderr, "interrupted (%v): the file being written was removed, the one it was to replace left as it was\n", sig)
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
