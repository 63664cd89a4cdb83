package atomicfile

import "os"

// Check returns the error Write would refuse path with — a protected file,
// anything but a regular file, a link to nothing — without writing. It lets
// a program refuse a target before it asks the user whether to replace it
// or makes what it would write; Write checks again.
func Check(path string, opts ...Option) error {
	_, _, err := checked(path, opts)
	return err
}

// checked resolves path to the file a write would replace (old is nil when
// there is none) and refuses it as Write does.
func checked(path string, opts []Option) (target string, old os.FileInfo, err error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	if target, old, err = resolve(path); err != nil {
		return "", nil, err
	}
	return target, old, o.check(path, target, old)
}
