package ui

// checkProject runs the project's full check (Services.Check) on a
// goroutine of its own once the window shows, and reports a damaged project
// in the status line and a dialog; the store refuses its changes from then
// on. The store's Open defers the check on a large project, which took a
// second a gigabyte before the window could show (issue 16).
func (d *Desk) checkProject() {
	check := d.svc.Check
	if check == nil {
		return
	}
	deliver := d.save.deliver
	go func() {
		if err := check(d.ctx); err != nil {
			deliver.Do(func() { d.reportOpen(err) })
		}
	}()
}
