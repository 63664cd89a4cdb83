package annotate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"time"
)

// The claim statuses of a newsroom's fact-check lifecycle (issue 13), in the
// order work goes. Approved is reached by approvals (ReviewService.Approve),
// corrected by a correction (ReviewService.CorrectNote); the others by the
// user choosing among Status.Next.
const (
	StatusCandidate       Status = "candidate"
	StatusSelected        Status = "selected"
	StatusResearching     Status = "researching"
	StatusVerdictProposed Status = "verdict_proposed"
	StatusApproved        Status = "approved"
	StatusPublished       Status = "published"
	StatusCorrected       Status = "corrected"
	StatusNotCheckable    Status = "not_checkable"
	StatusDismissed       Status = "dismissed"
	StatusOutdated        Status = "outdated"
)

// Statuses lists the claim statuses in lifecycle order.
var Statuses = []Status{StatusCandidate, StatusSelected, StatusResearching, StatusVerdictProposed,
	StatusApproved, StatusPublished, StatusCorrected, StatusNotCheckable, StatusDismissed, StatusOutdated}

// transitions are the moves the desk offers from each status. Approved and
// corrected are absent as targets: approvals and corrections move a claim
// there, never a plain choice.
var transitions = map[Status][]Status{
	StatusCandidate:       {StatusSelected, StatusNotCheckable, StatusDismissed},
	StatusSelected:        {StatusResearching, StatusCandidate, StatusNotCheckable, StatusDismissed},
	StatusResearching:     {StatusVerdictProposed, StatusSelected, StatusNotCheckable, StatusDismissed},
	StatusVerdictProposed: {StatusResearching},
	StatusApproved:        {StatusPublished, StatusResearching},
	StatusPublished:       {StatusOutdated},
	StatusCorrected:       {StatusOutdated},
	StatusNotCheckable:    {StatusCandidate},
	StatusDismissed:       {StatusCandidate},
	StatusOutdated:        {StatusResearching},
}

// Next is the statuses a user may move a claim to from s.
func (s Status) Next() []Status { return slices.Clone(transitions[s]) }

// CanBecome reports whether a user may move a claim from s to t.
func (s Status) CanBecome(t Status) bool { return slices.Contains(transitions[s], t) }

// Published reports whether a claim in s has been published (and so a
// change to its verdict is a correction).
func (s Status) Published() bool { return s == StatusPublished || s == StatusCorrected }

// legacyStatuses are the four statuses of the first release, and what each
// became.
var legacyStatuses = map[string]Status{
	"new": StatusCandidate, "in_review": StatusResearching, "checked": StatusVerdictProposed,
	"dismissed": StatusDismissed,
}

// LegacyStatus maps a status of the first release (new, in_review, checked,
// dismissed) to the lifecycle's; ok is false for any other value.
func LegacyStatus(s string) (st Status, ok bool) {
	st, ok = legacyStatuses[s]
	return st, ok
}

// LegacyName is the first release's name for s, for writers of documents
// older readers take (factmark/1); ok is false when s has none.
func (s Status) LegacyName() (name string, ok bool) {
	for old, st := range legacyStatuses {
		if st == s {
			return old, true
		}
	}
	return "", false
}

// SourceType is what kind of source an evidence record is.
type SourceType string

// The source types.
const (
	SourceOfficialData SourceType = "official_data"
	SourceDocument     SourceType = "document"
	SourceExpert       SourceType = "expert"
	SourceMedia        SourceType = "media"
	SourceSocialPost   SourceType = "social_post"
	SourceOther        SourceType = "other"
)

// SourceTypes lists the source types in the order the desk offers them.
var SourceTypes = []SourceType{SourceOfficialData, SourceDocument, SourceExpert, SourceMedia,
	SourceSocialPost, SourceOther}

// Label is the source type as the user reads it.
func (t SourceType) Label() string { return strings.ReplaceAll(string(t), "_", " ") }

// Snapshot describes a local copy of a source (PDF, HTML, image) kept in the
// project; its bytes are in the store (EvidenceService.SnapshotData).
type Snapshot struct {
	Name      string `json:"name"`       // the file's base name as attached
	MediaType string `json:"media_type"` // sniffed from its content
	Size      int64  `json:"size"`
	SHA256    string `json:"sha256"` // hex
}

// MaxSnapshotSize is the largest snapshot a project keeps.
const MaxSnapshotSize = 25 << 20

// SnapshotMediaTypes are the kinds of file a snapshot may be.
var SnapshotMediaTypes = []string{"application/pdf", "text/html", "image/png", "image/jpeg",
	"image/gif", "image/webp", "text/plain"}

// ApprovalHash is the SHA-256 (hex) of what a reviewer approves of a claim:
// the verdict (or conclusion), rationale and evidence of each of its notes,
// in ID order. Any change to them changes the hash and so withdraws the
// approvals given to the old one.
func ApprovalHash(notes []Note) string {
	type approved struct {
		ID        string     `json:"id"`
		Verdict   string     `json:"verdict"`
		Rationale string     `json:"rationale"`
		Sources   []Evidence `json:"sources"`
	}
	list := make([]approved, len(notes))
	for i, n := range notes {
		list[i] = approved{n.ID, n.Verdict, n.Rationale, n.Sources}
	}
	slices.SortFunc(list, func(a, b approved) int { return strings.Compare(a.ID, b.ID) })
	b, _ := json.Marshal(list) // plain strings and slices: cannot fail
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Approval is one reviewer's sign-off on a claim's verdict: who, when and
// the ApprovalHash of what they approved. A change to any of it withdraws
// the approval (Withdrawn set, with why); it stays on record.
type Approval struct {
	Reviewer     string     `json:"reviewer"`
	At           time.Time  `json:"at"`
	Hash         string     `json:"hash"`
	Withdrawn    *time.Time `json:"withdrawn,omitempty"`
	WithdrawnWhy string     `json:"withdrawn_why,omitempty"`
}

// Active reports whether the approval still stands.
func (a *Approval) Active() bool { return a.Withdrawn == nil }

// ActiveReviewers is the distinct reviewers whose approvals of the claim
// stand, in the order they approved.
func (c *Claim) ActiveReviewers() []string {
	var names []string
	for i := range c.Approvals {
		if a := &c.Approvals[i]; a.Active() && !slices.Contains(names, a.Reviewer) {
			names = append(names, a.Reviewer)
		}
	}
	return names
}

// Approved reports whether the claim has the approvals the project requires
// (at least one).
func (c *Claim) Approved(required int) bool {
	return len(c.ActiveReviewers()) >= max(required, 1)
}

// Approvable reports whether a claim in s can be approved: its verdict is
// proposed, approved already (a further reviewer), or published or
// corrected (signing off a correction, or a change to its evidence, after
// the change withdrew the approvals it had).
func (s Status) Approvable() bool {
	return s == StatusVerdictProposed || s == StatusApproved || s.Published()
}

// SignedOff reports whether the claim may go out in an export limited to
// approved claims: it is approved, published or corrected, and the
// required reviewers' approvals of what it says now stand.
func (c *Claim) SignedOff(required int) bool {
	return (c.Status == StatusApproved || c.Status.Published()) && c.Approved(required)
}

// Correction is one change to a published verdict: what changed, when, by
// whom and why. Exports say a claim with corrections was corrected.
type Correction struct {
	At     time.Time `json:"at"`
	Author string    `json:"author"`
	What   string    `json:"what"` // e.g. `verdict: "False" → "Half true"`
	Why    string    `json:"why"`
}

// Comment is one message in a thread on an annotation: a reply when
// ParentID names another comment of the same annotation. Resolved closes
// the thread it starts.
type Comment struct {
	ID           string    `json:"id"`
	ArticleID    string    `json:"-"`
	AnnotationID string    `json:"annotation"`
	ParentID     string    `json:"parent,omitempty"`
	Author       string    `json:"author"`
	Body         string    `json:"body"`
	Created      time.Time `json:"created"`
	Modified     time.Time `json:"modified"`
	Resolved     bool      `json:"resolved,omitempty"`
}

// AuditEntry is one line of the project's append-only change log: who
// changed which field of what, when, from what to what. Old and New are the
// field's values as JSON ("" when there was none: a create or a delete).
type AuditEntry struct {
	ID        string    `json:"id"` // a UUID, so imported logs merge without duplicates
	At        time.Time `json:"at"`
	Who       string    `json:"who"`
	Action    string    `json:"action"` // create, update, delete, approve, withdraw, correct, import, …
	Kind      string    `json:"kind"`   // attribution, claim, note, evidence, comment, speaker, article, settings, …
	EntityID  string    `json:"entity"` // the record's ID ("" for settings)
	ArticleID string    `json:"article,omitempty"`
	Field     string    `json:"field,omitempty"` // "" for the whole record
	Old       string    `json:"old,omitempty"`
	New       string    `json:"new,omitempty"`
}

type actorKey struct{}

// WithActor returns ctx carrying the name of the person making changes, for
// the audit log; without one the store logs the settings' annotator.
func WithActor(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, actorKey{}, name)
}

// Actor is the name WithActor put in ctx, or "".
func Actor(ctx context.Context) string {
	name, _ := ctx.Value(actorKey{}).(string)
	return name
}

type importSourceKey struct{}

// WithImportSource returns ctx carrying the name of what an import reads
// (a file's name), for the audit log's entry of the import.
func WithImportSource(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, importSourceKey{}, name)
}

// ImportSource is the name WithImportSource put in ctx, or "".
func ImportSource(ctx context.Context) string {
	name, _ := ctx.Value(importSourceKey{}).(string)
	return name
}

// EvidenceUse is an evidence record with the notes (and their claims) it
// supports.
type EvidenceUse struct {
	Evidence
	Notes  []string // note IDs
	Claims []string // claim IDs of those notes, when on claims
}

// ArchiveQueue is the records that have a URL but no archive URL yet: what
// to archive next time the machine is online, in the given order.
func ArchiveQueue(records []Evidence) []Evidence {
	var queue []Evidence
	for _, e := range records {
		if e.URL != "" && len(e.Archives) == 0 {
			queue = append(queue, e)
		}
	}
	return queue
}

// EvidenceService keeps evidence records: one record may support several
// notes (Note.Sources carries the records by ID). Every change is audited
// and withdraws the approvals whose ApprovalHash it changes.
type EvidenceService interface {
	// FindEvidence lists every record of the project with what it supports.
	FindEvidence(ctx context.Context) ([]EvidenceUse, error)
	// UpdateEvidence changes a record everywhere it is used.
	UpdateEvidence(ctx context.Context, e *Evidence) error
	// AttachSnapshot stores data as the record's snapshot (replacing any),
	// refusing a file over MaxSnapshotSize or not of SnapshotMediaTypes.
	AttachSnapshot(ctx context.Context, evidenceID, name string, data []byte) (*Snapshot, error)
	// SnapshotData returns the snapshot's bytes, checked against its SHA-256.
	SnapshotData(ctx context.Context, evidenceID string) ([]byte, *Snapshot, error)
	// AttachArchiveURL adds archiveURL to the record whose URL it archives
	// (ArchivedURL), or to evidenceID when given; ENOTFOUND when none.
	AttachArchiveURL(ctx context.Context, evidenceID, archiveURL string) (*Evidence, error)
}

// ReviewService signs off verdicts.
type ReviewService interface {
	// Approve records reviewer's approval of the claim's current
	// ApprovalHash and, once Settings.ApprovalsRequired reviewers approve,
	// moves it to approved. ECONFLICT when reviewer approved it already or
	// its status is not verdict proposed (or approved, for a further one).
	Approve(ctx context.Context, claimID, reviewer string) (*Claim, error)
	// WithdrawApproval withdraws reviewer's standing approval, with why; an
	// approved claim that falls short goes back to verdict proposed.
	WithdrawApproval(ctx context.Context, claimID, reviewer, why string) error
	// CorrectNote changes a note of a published claim, recording a
	// Correction with why on the claim and moving it to corrected. Plain
	// UpdateNote refuses such a change (ECONFLICT).
	CorrectNote(ctx context.Context, n *Note, why string) error
}

// CommentService keeps threaded comments on annotations.
type CommentService interface {
	CreateComment(ctx context.Context, c *Comment) error
	// UpdateComment changes a comment's body or resolved state.
	UpdateComment(ctx context.Context, c *Comment) error
	DeleteComment(ctx context.Context, id string) error
	// FindComments lists the article's comments, oldest first.
	FindComments(ctx context.Context, articleID string) ([]Comment, error)
}

// AuditService reads the append-only change log.
type AuditService interface {
	// FindHistory lists the entries about one record (annotation, evidence,
	// comment, speaker, article), oldest first.
	FindHistory(ctx context.Context, entityID string) ([]AuditEntry, error)
	// FindAudit lists the entries of the articles with the given IDs (and
	// the project-wide ones: speakers, settings, evidence), or all when none
	// are given, oldest first.
	FindAudit(ctx context.Context, articleIDs ...string) ([]AuditEntry, error)
}

func statusNames() string {
	names := make([]string, len(Statuses))
	for i, s := range Statuses {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

func sourceTypeNames() string {
	names := make([]string, len(SourceTypes))
	for i, t := range SourceTypes {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

func validAccessed(s string) bool {
	if ValidDate(s) {
		return true
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

func (s *Snapshot) validate(field string) error {
	switch {
	case s == nil:
		return nil
	case strings.TrimSpace(s.Name) == "" || strings.ContainsAny(s.Name, "/\\\x00"):
		return fieldError(field+".name", "%q is not a file name", s.Name)
	case !slices.Contains(SnapshotMediaTypes, s.MediaType):
		return fieldError(field+".media_type", "%q is not a snapshot type (PDF, HTML, image or text)", s.MediaType)
	case s.Size <= 0 || s.Size > MaxSnapshotSize:
		return fieldError(field+".size", "%d bytes is not between 1 and %d", s.Size, MaxSnapshotSize)
	case len(s.SHA256) != 64 || strings.Trim(s.SHA256, "0123456789abcdef") != "":
		return fieldError(field+".sha256", "%q is not a SHA-256 in hex", s.SHA256)
	}
	return nil
}

// ArchivedURL is the original URL an archive URL keeps, for the archive
// services whose URLs carry it: the Wayback Machine
// (web.archive.org/web/<time>/<url>) and archive.today's long form
// (archive.ph/<time>/<url>, and its other domains). ok is false for others
// (perma.cc's short codes): attach those to a record by hand.
func ArchivedURL(archiveURL string) (original string, ok bool) {
	u := strings.TrimSpace(archiveURL)
	for _, prefix := range []string{"https://", "http://"} {
		u = strings.TrimPrefix(u, prefix)
	}
	host, rest, found := strings.Cut(u, "/")
	if !found {
		return "", false
	}
	switch strings.TrimPrefix(host, "www.") {
	case "web.archive.org":
		rest = strings.TrimPrefix(rest, "web/")
	case "archive.today", "archive.ph", "archive.is", "archive.li", "archive.vn", "archive.md", "archive.fo":
	default:
		return "", false
	}
	_, original, found = strings.Cut(rest, "/") // the timestamp
	if !found || !ValidURL(original) {
		return "", false
	}
	return original, true
}

// IsArchiveURL reports whether u is on an archive service Factmark knows
// (the Wayback Machine, archive.today, perma.cc).
func IsArchiveURL(u string) bool {
	if _, ok := ArchivedURL(u); ok {
		return true
	}
	for _, prefix := range []string{"https://perma.cc/", "http://perma.cc/"} {
		if strings.HasPrefix(u, prefix) && len(u) > len(prefix) {
			return true
		}
	}
	return false
}

// UnmarshalJSON reads a status, mapping the first release's names (new,
// in_review, checked) to the lifecycle's: stored claims and factmark/1
// documents keep them.
func (s *Status) UnmarshalJSON(b []byte) error {
	var name string
	if err := json.Unmarshal(b, &name); err != nil {
		return err
	}
	if st, ok := LegacyStatus(name); ok {
		*s = st
		return nil
	}
	*s = Status(name)
	return nil
}

// HasVerdict reports whether a claim in s should have a verdict: from
// verdict proposed on through published and corrected.
func (s Status) HasVerdict() bool {
	switch s {
	case StatusVerdictProposed, StatusApproved, StatusPublished, StatusCorrected:
		return true
	}
	return false
}
