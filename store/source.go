package store

import (
	"context"
	"strings"

	"github.com/factmark/factmark/annotate"
)

// FindArticleBySource returns the article source names: "urn:sha256:<hex>"
// of its text, or its URL, compared without a fragment or a final slash.
func (db *DB) FindArticleBySource(ctx context.Context, source string) (*annotate.Article, error) {
	a, err := findArticleBySource(ctx, db.rd, source)
	return a, dbError("find article "+source, err)
}

func findArticleBySource(ctx context.Context, q queryer, source string) (*annotate.Article, error) {
	query, args := "SELECT id FROM articles WHERE sha256 = ?", []any{}
	if h, ok := strings.CutPrefix(source, "urn:sha256:"); ok {
		args = append(args, strings.ToLower(h))
	} else {
		u, _, _ := strings.Cut(source, "#")
		u = strings.TrimSuffix(u, "/")
		query = "SELECT id FROM articles WHERE url IN (?, ?) OR (url LIKE ? ESCAPE '\\' AND url <> '') ORDER BY imported_at, id"
		args = append(args, u, u+"/", likePrefix(u)+"#%")
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	switch len(ids) {
	case 0:
		return nil, annotate.Errorf(annotate.ENOTFOUND, "no article %s", source)
	case 1:
		return findArticle(ctx, q, ids[0])
	}
	return nil, annotate.Errorf(annotate.ECONFLICT, "%d articles have the URL %s; give each its own URL", len(ids), source)
}

// likePrefix escapes s for a LIKE pattern.
func likePrefix(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
