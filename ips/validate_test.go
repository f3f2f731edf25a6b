package ips

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// This file is the test-side checker of the IPS rules kyukyu implements,
// written from the rules rather than from the generator:
//   - a Bundle of type document with identifier and timestamp;
//   - every entry has a unique urn:uuid fullUrl matching the resource id;
//   - the first entry is the Composition, type LOINC 60591-5, whose subject
//     is the bundle's Patient and whose author resolves;
//   - the sections Problems 11450-4, Allergies 48765-2 and Medications
//     10160-0 are present with at least one entry; every section has a
//     LOINC code, a title and an XHTML narrative, and either entries or an
//     emptyReason, never both;
//   - every reference anywhere resolves to an entry of the bundle; every
//     subject/patient is the Patient; every clinical resource is reachable
//     from a section;
//   - drug codings that claim the YJ system carry a 12-character YJ code.

var (
	uuidURL         = regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	requiredSection = []string{"11450-4", "48765-2", "10160-0"}
	yjPattern       = regexp.MustCompile(`^[0-9]{7}[A-Z][0-9A-Z]{3}[0-9]$`)
)

type obj = map[string]any

func validate(doc []byte) []string {
	var problems []string
	bad := func(format string, a ...any) { problems = append(problems, fmt.Sprintf(format, a...)) }
	var b obj
	if err := json.Unmarshal(doc, &b); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	if b["resourceType"] != "Bundle" || b["type"] != "document" {
		bad("not a document Bundle: %v/%v", b["resourceType"], b["type"])
	}
	if id, _ := b["identifier"].(obj); id == nil || id["value"] == nil {
		bad("Bundle.identifier missing")
	}
	if ts, _ := b["timestamp"].(string); ts == "" {
		bad("Bundle.timestamp missing")
	} else if _, err := time.Parse(time.RFC3339, ts); err != nil {
		bad("Bundle.timestamp %q: %v", ts, err)
	}
	entries, _ := b["entry"].([]any)
	if len(entries) == 0 {
		return append(problems, "no entries")
	}
	byURL := map[string]obj{}
	var order []string
	for i, e := range entries {
		eo, _ := e.(obj)
		url, _ := eo["fullUrl"].(string)
		r, _ := eo["resource"].(obj)
		switch {
		case !uuidURL.MatchString(url):
			bad("entry %d: fullUrl %q is not a urn:uuid", i, url)
		case r == nil || r["resourceType"] == nil:
			bad("entry %d: no resource", i)
		case byURL[url] != nil:
			bad("entry %d: fullUrl %s used twice", i, url)
		case r["id"] != strings.TrimPrefix(url, "urn:uuid:"):
			bad("entry %d: id %v does not match fullUrl %s", i, r["id"], url)
		default:
			byURL[url] = r
			order = append(order, url)
		}
	}
	if len(order) == 0 {
		return problems
	}
	comp := byURL[order[0]]
	if comp == nil || comp["resourceType"] != "Composition" {
		return append(problems, "first entry is not the Composition")
	}
	if !hasCoding(comp["type"], "http://loinc.org", "60591-5") {
		bad("Composition.type is not LOINC 60591-5")
	}
	if comp["status"] == nil || comp["date"] == nil || comp["title"] == nil {
		bad("Composition lacks status, date or title")
	}
	patient := refOf(comp["subject"])
	if p := byURL[patient]; p == nil || p["resourceType"] != "Patient" {
		bad("Composition.subject %q is not the bundle's Patient", patient)
	}
	if authors, _ := comp["author"].([]any); len(authors) == 0 {
		bad("Composition.author missing")
	}

	reachable := map[string]bool{order[0]: true, patient: true}
	seen := map[string]bool{}
	secs, _ := comp["section"].([]any)
	for i, s := range secs {
		so, _ := s.(obj)
		code := loincCode(so["code"])
		seen[code] = true
		if code == "" || so["title"] == nil {
			bad("section %d: no LOINC code or title", i)
		}
		if txt, _ := so["text"].(obj); txt == nil || !strings.HasPrefix(fmt.Sprint(txt["div"]), `<div xmlns="http://www.w3.org/1999/xhtml">`) {
			bad("section %s: no XHTML narrative", code)
		}
		es, _ := so["entry"].([]any)
		switch {
		case len(es) > 0 && so["emptyReason"] != nil:
			bad("section %s: entries and an emptyReason", code)
		case len(es) == 0 && so["emptyReason"] == nil:
			bad("section %s: neither entries nor an emptyReason", code)
		case len(es) == 0 && slices.Contains(requiredSection, code):
			bad("section %s is required to have an entry (absent-unknown when nothing is known)", code)
		}
		for _, e := range es {
			markReachable(refOf(e), byURL, reachable)
		}
	}
	for _, code := range requiredSection {
		if !seen[code] {
			bad("required section %s missing", code)
		}
	}

	walkRefs(b, func(path, ref string) {
		if byURL[ref] == nil {
			bad("reference %s at %s does not resolve", ref, path)
		}
	})
	for _, url := range order[1:] {
		r := byURL[url]
		for _, k := range []string{"subject", "patient"} {
			if r[k] != nil && refOf(r[k]) != patient {
				bad("%s %s: %s is not the Patient", r["resourceType"], url, k)
			}
		}
		switch r["resourceType"] {
		case "Patient", "Device", "Composition":
		default:
			if !reachable[url] {
				bad("%s %s is not reachable from any section", r["resourceType"], url)
			}
		}
		if mc, _ := r["medicationCodeableConcept"].(obj); mc != nil {
			for _, c := range codings(mc) {
				if c["system"] == "http://capstandard.jp/iyaku.info/CodeSystem/YJ-code" && !yjPattern.MatchString(fmt.Sprint(c["code"])) {
					bad("YJ coding with a code that is not a YJ code: %v", c["code"])
				}
			}
		}
	}
	return problems
}

func markReachable(url string, byURL map[string]obj, reachable map[string]bool) {
	if reachable[url] || byURL[url] == nil {
		return
	}
	reachable[url] = true
	members, _ := byURL[url]["hasMember"].([]any)
	for _, m := range members {
		markReachable(refOf(m), byURL, reachable)
	}
}

func walkRefs(v any, f func(path, ref string)) {
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case obj:
			for k, c := range x {
				if s, ok := c.(string); ok && k == "reference" {
					f(path, s)
				}
				walk(path+"."+k, c)
			}
		case []any:
			for i, c := range x {
				walk(fmt.Sprintf("%s[%d]", path, i), c)
			}
		}
	}
	walk("Bundle", v)
}

func refOf(v any) string {
	o, _ := v.(obj)
	s, _ := o["reference"].(string)
	return s
}

func codings(cc any) []obj {
	o, _ := cc.(obj)
	cs, _ := o["coding"].([]any)
	var out []obj
	for _, c := range cs {
		if co, ok := c.(obj); ok {
			out = append(out, co)
		}
	}
	return out
}

func hasCoding(cc any, system, code string) bool {
	for _, c := range codings(cc) {
		if c["system"] == system && c["code"] == code {
			return true
		}
	}
	return false
}

func loincCode(cc any) string {
	for _, c := range codings(cc) {
		if c["system"] == "http://loinc.org" {
			s, _ := c["code"].(string)
			return s
		}
	}
	return ""
}
