package interchange

import (
	"net/url"
	"strings"
)

// normalURL is a web page's URL with what does not change the page taken
// out, so that the URL a Hypothesis user annotated finds the article saved
// from it: the scheme and host in lower case (http and https alike), no
// default port, no fragment, no final slash, no tracking parameters (utm_*,
// fbclid, gclid), and the other parameters in order. What is not an http or
// https URL (a DOI, urn:x-pdf:…) is only trimmed, and compared as it is.
func normalURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || !strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https") {
		s, _, _ := strings.Cut(raw, "#")
		return strings.TrimSuffix(s, "/")
	}
	host := strings.ToLower(u.Hostname())
	if port := u.Port(); port != "" && port != "80" && port != "443" {
		host += ":" + port
	}
	q := u.Query()
	for key := range q {
		if k := strings.ToLower(key); strings.HasPrefix(k, "utm_") || k == "fbclid" || k == "gclid" {
			q.Del(key)
		}
	}
	s := "https://" + host + strings.TrimSuffix(u.EscapedPath(), "/")
	if len(q) > 0 {
		s += "?" + q.Encode()
	}
	return s
}

// clipURL shortens a URL for a message less than Clip does: the user needs
// most of it to find the page.
func clipURL(s string) string {
	const max = 200
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}
