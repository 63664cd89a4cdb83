package atomicfile

// Check returns the error Write would refuse path with — a protected file,
// anything but a regular file, a link to nothing — without writing. It lets
// a program refuse a target before it asks the user whether to replace it
// or makes what it would write; Write checks again.
func Check(path string, opts ...Option) error {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	target, old, err := resolve(path)
	if err != nil {
		return err
	}
	return o.check(path, target, old)
}
