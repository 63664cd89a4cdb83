package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/factmark/factmark/annotate"
)

// Reading a row's columns one by one through database/sql costs about as
// much again as reading them joined into one text in SQL and cutting that
// text in Go (measured on 100k annotations: 185 against 120 ms of CPU; on
// 100k log entries 195 against 147): each column is a string copied out of
// SQLite and an interface value of its own. So the large reads (an
// article's annotations, the exported log) read one column a row: the
// columns after the row's rowid, each after the unit separator (U+001F). A
// value that holds the separator itself (nothing the store writes does:
// JSON escapes it, IDs and times cannot hold it) makes a row of too many
// parts, which is read again column by column.

// unitSeparator joins the columns of a joined row.
const unitSeparator = "\x1f"

// cutJoined cuts line into parts, the first the row's rowid, and reports
// whether it had exactly len(parts) of them.
func cutJoined(line string, parts []string) (rowid int64, ok bool, err error) {
	ok = cutParts(line, parts)
	if rowid, err = strconv.ParseInt(parts[0], 10, 64); err != nil {
		return 0, false, fmt.Errorf("a joined row begins with %q, not its rowid", parts[0])
	}
	return rowid, ok, nil
}

// cutParts cuts line into parts and reports whether it had exactly
// len(parts) of them.
func cutParts(line string, parts []string) bool {
	n := 0
	for ; n < len(parts)-1; n++ {
		var found bool
		if parts[n], line, found = strings.Cut(line, unitSeparator); !found {
			break
		}
	}
	parts[n] = line
	return n == len(parts)-1 && !strings.Contains(line, unitSeparator)
}

// annotationJoined is a row of the annotations table (as a) as one text,
// for scanJoined. concat_ws makes the text at once, where each || of a
// chain of them copies all that comes before it: 5 to 8% less CPU for the
// SELECT of 100k annotations. (It leaves out a NULL, which no column here
// can be: the row would come out short and be read again by columns.)
const annotationJoined = `concat_ws(char(31), a.rowid, a.id, a.article_id, a.kind, a.author, a.origin, a.created,
	a.modified, coalesce(a.speaker_id, ''), coalesce(a.attribution_id, ''), coalesce(a.claim_id, ''), a.body)`

// annotationColumns are annotationJoined's columns, read one by one.
const annotationColumns = `a.id, a.article_id, a.kind, a.author, a.origin, a.created, a.modified,
	coalesce(a.speaker_id, ''), coalesce(a.attribution_id, ''), coalesce(a.claim_id, ''), a.body`

// scanJoined scans the annotationJoined row into r.
func scanJoined(ctx context.Context, q queryer, rows *sql.Rows, r *rawAnnotation) error {
	var line string
	if err := rows.Scan(&line); err != nil {
		return err
	}
	var parts [12]string
	rowid, ok, err := cutJoined(line, parts[:])
	if err != nil {
		return err
	}
	if !ok {
		return q.QueryRowContext(ctx, `SELECT `+annotationColumns+` FROM annotations a WHERE a.rowid = ?`, rowid).
			Scan(&r.id, &r.articleID, &r.kind, &r.author, &r.origin, &r.created, &r.modified,
				&r.speaker, &r.attribution, &r.claim, &r.body)
	}
	*r = rawAnnotation{id: parts[1], articleID: parts[2], kind: parts[3], author: parts[4], origin: parts[5],
		created: parts[6], modified: parts[7], speaker: parts[8], attribution: parts[9], claim: parts[10], body: parts[11]}
	return nil
}

// linksJoined selects every note's links to records with the records
// (evidenceCols), one text a link, in the order of the records, as the
// index of links by record lists them (SQLite's choice; by note, the
// records are found out of order, taking 3 to 6 times the CPU): reading them so, rather than their twelve columns one by one
// (loadSources), took 0.52–0.55 of the time for 20k links (loaded
// machine, the two in turn).
const linksJoined = `SELECT concat_ws(char(31), l.note_id, l.seq, e.id, e.url, e.title, e.publisher, e.type,
	e.accessed, e.excerpt, e.archives, e.withheld, coalesce(e.snapshot, ''))
	FROM note_evidence l JOIN evidence e ON e.id = l.evidence_id`

// sourceLink is a note's link to a record: the record, and its place among
// the note's.
type sourceLink struct {
	seq int64
	e   annotate.Evidence
}

// readLinks reads the links of every note of the project to their
// records (linksJoined), by the note's ID, in the order of the records
// (sourcesOf puts a note's in order). It reports false at a value that
// holds the unit separator: then loadSources is to read them.
func readLinks(ctx context.Context, q queryer) (links map[string][]sourceLink, ok bool, err error) {
	rows, err := q.QueryContext(ctx, linksJoined)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	links = map[string][]sourceLink{}
	var parts [12]string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, false, err
		}
		if !cutParts(line, parts[:]) {
			return nil, false, nil
		}
		seq, err := strconv.ParseInt(parts[1], 10, 64)
		if err != nil {
			return nil, false, fmt.Errorf("a link of note %s has the place %q", parts[0], parts[1])
		}
		e, err := evidenceOf(annotate.Evidence{ID: parts[2], URL: parts[3], Title: parts[4], Publisher: parts[5],
			Accessed: parts[7], Excerpt: parts[8]}, parts[6], parts[9], parts[11], parts[10] != "0")
		if err != nil {
			return nil, false, err
		}
		links[parts[0]] = append(links[parts[0]], sourceLink{seq: seq, e: e})
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	return links, true, nil
}

// sourcesOf is a note's records in the order of its links; nil for none.
func sourcesOf(links []sourceLink) []annotate.Evidence {
	if len(links) == 0 {
		return nil
	}
	if len(links) > 1 {
		slices.SortFunc(links, func(a, b sourceLink) int { return cmp.Compare(a.seq, b.seq) })
	}
	list := make([]annotate.Evidence, len(links))
	for i := range links {
		list[i] = links[i].e
	}
	return list
}
