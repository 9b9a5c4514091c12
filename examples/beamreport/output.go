package main

import (
	"fmt"
	"hash/fnv"
	"io"
	"sort"
	"strings"

	"github.com/go-itsm/itsm/report"
)

// noGroup is the per-group key of incidents without a value for it.
const noGroup = "(none)"

// groupOf returns the value of the per-group key per in r: the record's
// value as it stands, as the report's own groupings take it.
func groupOf(per string, r report.Record) string {
	var v string
	switch per {
	case report.KeyCustomer:
		v = r.Customer
	case report.KeyService:
		v = r.Service
	case report.KeyPriority:
		if r.Priority != 0 {
			v = r.Priority.String()
		}
	case report.KeyGroup:
		if n := len(r.Assignments); n > 0 {
			v = r.Assignments[n-1].Group
		}
	case report.KeyCategory:
		v = r.Category
	}
	if v == "" {
		return noGroup
	}
	return v
}

// reportName is the base name of a report's files: "report" for the
// overall one, per-<group> for the others ("customer-acme"). A group whose
// name is not safe in a file name keeps its safe characters and gets a
// hash of the whole name, so two groups never share a file.
func reportName(per, group string, overall bool) string {
	if overall {
		return "report"
	}
	var b strings.Builder
	for _, c := range group {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
			b.WriteRune(c)
		default:
			b.WriteByte('_')
		}
	}
	name := b.String()
	if name != group || strings.HasPrefix(name, ".") {
		h := fnv.New32a()
		io.WriteString(h, group)
		name = fmt.Sprintf("%s-%08x", name, h.Sum32())
	}
	return per + "-" + name
}

// writeRendered writes the three files of one report, base.txt, base.json
// and base.html, with create, which opens a file for writing.
func writeRendered(create func(name string) (io.WriteCloser, error), base string, r Rendered) error {
	for _, f := range []struct {
		ext  string
		data []byte
	}{{".txt", r.Text}, {".json", r.JSON}, {".html", r.HTML}} {
		if err := writeFile(create, base+f.ext, f.data); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(create func(name string) (io.WriteCloser, error), name string, data []byte) error {
	w, err := create(name)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return fmt.Errorf("beamreport: writing %s: %w", name, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("beamreport: writing %s: %w", name, err)
	}
	return nil
}

// problemsText is the problems file: one problem per line, sorted.
func problemsText(lines []string) []byte {
	sort.Strings(lines)
	if len(lines) == 0 {
		return nil
	}
	return []byte(strings.Join(lines, "\n") + "\n")
}
