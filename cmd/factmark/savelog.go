package main

import (
	"context"
	"encoding/json"
	"os"
	"sync"
	"time"

	"github.com/factmark/factmark/annotate"
)

// saveLogEnv names a file the desk appends a line to after each annotation
// write the store committed: what `make soak` checks against the project
// after killing the desk. Unset, nothing is logged.
const saveLogEnv = "FACTMARK_SAVELOG"

// savedLine is one line of the save log. Claim is a note's claim: deleting a
// claim deletes its notes.
type savedLine struct {
	Op       string    `json:"op"` // "put" or "delete"
	ID       string    `json:"id"`
	Modified time.Time `json:"modified,omitzero"`
	Claim    string    `json:"claim,omitempty"`
}

// loggedAnnotations writes through to the store and logs each committed write.
type loggedAnnotations struct {
	annotate.AnnotationService
	mu  sync.Mutex
	enc *json.Encoder
}

// withSaveLog wraps svc so that committed writes are logged to the file
// $FACTMARK_SAVELOG names, when it is set.
func withSaveLog(svc annotate.AnnotationService) annotate.AnnotationService {
	path := os.Getenv(saveLogEnv)
	if path == "" {
		return svc
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return svc
	}
	return &loggedAnnotations{AnnotationService: svc, enc: json.NewEncoder(f)}
}

func (l *loggedAnnotations) log(err error, line savedLine) error {
	if err == nil {
		l.mu.Lock()
		l.enc.Encode(line)
		l.mu.Unlock()
	}
	return err
}

func (l *loggedAnnotations) CreateAttribution(ctx context.Context, a *annotate.Attribution) error {
	return l.log(l.AnnotationService.CreateAttribution(ctx, a), savedLine{Op: "put", ID: a.ID, Modified: a.Modified})
}

func (l *loggedAnnotations) UpdateAttribution(ctx context.Context, a *annotate.Attribution) error {
	return l.log(l.AnnotationService.UpdateAttribution(ctx, a), savedLine{Op: "put", ID: a.ID, Modified: a.Modified})
}

func (l *loggedAnnotations) CreateClaim(ctx context.Context, c *annotate.Claim) error {
	return l.log(l.AnnotationService.CreateClaim(ctx, c), savedLine{Op: "put", ID: c.ID, Modified: c.Modified})
}

func (l *loggedAnnotations) UpdateClaim(ctx context.Context, c *annotate.Claim) error {
	return l.log(l.AnnotationService.UpdateClaim(ctx, c), savedLine{Op: "put", ID: c.ID, Modified: c.Modified})
}

func (l *loggedAnnotations) CreateNote(ctx context.Context, n *annotate.Note) error {
	return l.log(l.AnnotationService.CreateNote(ctx, n), savedLine{Op: "put", ID: n.ID, Modified: n.Modified, Claim: n.ClaimID})
}

func (l *loggedAnnotations) UpdateNote(ctx context.Context, n *annotate.Note) error {
	return l.log(l.AnnotationService.UpdateNote(ctx, n), savedLine{Op: "put", ID: n.ID, Modified: n.Modified, Claim: n.ClaimID})
}

func (l *loggedAnnotations) DeleteAnnotation(ctx context.Context, id string) error {
	return l.log(l.AnnotationService.DeleteAnnotation(ctx, id), savedLine{Op: "delete", ID: id})
}
