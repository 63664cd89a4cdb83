package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

// The project's full check runs after the desk shows; a damaged project is
// reported in the status line (and a dialog), a whole one says nothing.
func TestCheckProjectReportsADamagedProject(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
		says string
	}{
		{"whole", nil, ""},
		{"damaged", annotate.Errorf(annotate.EINTERNAL, "p.db is damaged; no change will be saved into it"), "p.db is damaged"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ran := make(chan struct{})
			td := newTestDeskWrapped(t, nil, nil, func(svc Services, _ *store.DB) Services {
				svc.Check = func(context.Context) error { close(ran); return tt.err }
				return svc
			})
			td.OpenFirst("")
			before := td.status.Text
			td.checkProject()
			select {
			case <-ran:
			case <-time.After(10 * time.Second):
				t.Fatal("the check did not run")
			}
			deadline := time.Now().Add(10 * time.Second)
			for tt.err != nil && td.pump.run() == 0 && time.Now().Before(deadline) {
				time.Sleep(time.Millisecond)
			}
			switch got := td.status.Text; {
			case tt.says == "" && got != before:
				t.Errorf("status %q after a check that passed, was %q", got, before)
			case !strings.Contains(got, tt.says):
				t.Errorf("status %q, want %q", got, tt.says)
			}
		})
	}
}
