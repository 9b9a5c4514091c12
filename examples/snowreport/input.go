package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// ErrEmpty is the error for an input with no header line.
var ErrEmpty = errors.New("snowreport: the export is empty (no header line)")

// openExport opens the export at name and returns its CSV text: the file
// itself, or what it decompresses to when its first bytes are a gzip or zip
// signature (the name does not matter: "export.csv" may be compressed and
// "export.gz" plain). In a zip archive it is the first entry whose name
// ends in .csv, in archive order. A UTF-8 byte order mark is dropped.
func openExport(name string) (io.ReadCloser, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(f, 1<<20)
	magic, _ := br.Peek(4)
	var r io.Reader = br
	closer := f.Close
	switch {
	case bytes.HasPrefix(magic, []byte{0x1f, 0x8b}):
		zr, err := gzip.NewReader(br)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("snowreport: %s: gzip: %w", name, err)
		}
		r = zr
	case bytes.HasPrefix(magic, []byte("PK\x03\x04")):
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, err
		}
		zr, err := zip.NewReader(f, st.Size())
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("snowreport: %s: zip: %w", name, err)
		}
		var entry *zip.File
		for _, e := range zr.File {
			if strings.EqualFold(path.Ext(e.Name), ".csv") {
				entry = e
				break
			}
		}
		if entry == nil {
			f.Close()
			return nil, fmt.Errorf("snowreport: %s: the zip archive holds no .csv file", name)
		}
		er, err := entry.Open()
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("snowreport: %s: zip entry %s: %w", name, entry.Name, err)
		}
		r = er
		closer = func() error { er.Close(); return f.Close() }
	}
	return readCloser{dropBOM(r), closer}, nil
}

type readCloser struct {
	io.Reader
	close func() error
}

func (rc readCloser) Close() error { return rc.close() }

// dropBOM returns r without a leading UTF-8 byte order mark.
func dropBOM(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 1<<20)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\ufeff")) {
		br.Discard(3)
	}
	return br
}
