package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
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
	n := 0
	for ; n < len(parts)-1; n++ {
		var found bool
		if parts[n], line, found = strings.Cut(line, unitSeparator); !found {
			break
		}
	}
	parts[n] = line
	if rowid, err = strconv.ParseInt(parts[0], 10, 64); err != nil {
		return 0, false, fmt.Errorf("a joined row begins with %q, not its rowid", parts[0])
	}
	return rowid, n == len(parts)-1 && !strings.Contains(line, unitSeparator), nil
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
