package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// recordScanner reads RFC 4180 CSV one record at a time without keeping
// anything of earlier records: the fields of the current record are byte
// slices into one reused buffer, valid until the next call to next. It
// accepts what exports in the wild contain: CRLF or LF line ends, quoted
// fields with doubled quotes and line breaks inside them, and a quote inside
// an unquoted field (kept as a literal character, as encoding/csv's
// LazyQuotes does). The one unrecoverable flaw is a quoted field that never
// closes: it swallows the rest of the input, and next reports
// errUnterminatedQuote with the line it started on.
//
// It exists because encoding/csv builds a string per field: for the 36
// columns of a ServiceNow export of which the tool reads 15, that is most of
// the cost of a run.
type recordScanner struct {
	r      *bufio.Reader
	line   int // physical lines read so far
	start  int // line the current record starts on (1-based)
	buf    []byte
	ends   []int // ends[i] is the end of field i in buf
	fields [][]byte
	long   []byte // a physical line longer than the reader's buffer
}

// errUnterminatedQuote is a quoted field still open at the end of the input.
var errUnterminatedQuote = errors.New("quoted field not closed before the end of the file")

func newRecordScanner(r io.Reader) *recordScanner {
	size := 1 << 20
	if s, ok := r.(interface{ Size() int64 }); ok && s.Size() < int64(size) {
		// An input that says its size (a string, a byte slice, a section
		// of a file) gets a buffer that holds it, not a megabyte.
		size = max(int(s.Size())+1, 4096)
	}
	return &recordScanner{r: bufio.NewReaderSize(r, size)}
}

// physicalLine returns the next line without its line end, valid until the
// next call, or io.EOF when there is none.
func (s *recordScanner) physicalLine() ([]byte, error) {
	b, err := s.r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		s.long = append(s.long[:0], b...)
		for errors.Is(err, bufio.ErrBufferFull) {
			b, err = s.r.ReadSlice('\n')
			s.long = append(s.long, b...)
		}
		b = s.long
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if len(b) == 0 && err != nil {
		return nil, io.EOF
	}
	s.line++
	b = bytes.TrimSuffix(b, []byte{'\n'})
	b = bytes.TrimSuffix(b, []byte{'\r'})
	return b, nil
}

// next reads the next record. It returns io.EOF at the end of the input,
// errUnterminatedQuote for a quoted field left open, or the reader's error.
// Blank lines are skipped.
func (s *recordScanner) next() ([][]byte, error) {
	var b []byte
	var err error
	for {
		if b, err = s.physicalLine(); err != nil {
			return nil, err
		}
		if len(b) > 0 {
			break
		}
	}
	s.start = s.line
	s.buf, s.ends = s.buf[:0], s.ends[:0]
	for {
		// b starts a field.
		if len(b) > 0 && b[0] == '"' {
			b = b[1:]
			for {
				i := bytes.IndexByte(b, '"')
				if i < 0 {
					// The field goes on over the line end.
					s.buf = append(s.buf, b...)
					s.buf = append(s.buf, '\n')
					if b, err = s.physicalLine(); err != nil {
						if errors.Is(err, io.EOF) {
							return nil, errUnterminatedQuote
						}
						return nil, err
					}
					continue
				}
				s.buf = append(s.buf, b[:i]...)
				b = b[i+1:]
				if len(b) > 0 && b[0] == '"' {
					s.buf = append(s.buf, '"')
					b = b[1:]
					continue
				}
				break
			}
			// Text after the closing quote up to the comma is kept as is.
		}
		i := bytes.IndexByte(b, ',')
		if i < 0 {
			s.buf = append(s.buf, b...)
			s.ends = append(s.ends, len(s.buf))
			break
		}
		s.buf = append(s.buf, b[:i]...)
		s.ends = append(s.ends, len(s.buf))
		b = b[i+1:]
	}
	s.fields = s.fields[:0]
	from := 0
	for _, end := range s.ends {
		s.fields = append(s.fields, s.buf[from:end:end])
		from = end
	}
	return s.fields, nil
}
