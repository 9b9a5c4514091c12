//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fifo returns a named pipe that gives the contents of file once.
func fifo(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), filepath.Base(file))
	require.NoError(t, syscall.Mkfifo(path, 0o600))
	go func() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.Write(data)
		f.Close()
	}()
	return path
}

// TestPipe: a pipe is read once. An incident's rows out of order are
// sorted from the step log, not by reading the input again; a date order
// that shows only late cannot be fixed by a second read, and the error
// says to name it.
func TestPipe(t *testing.T) {
	code, out, errs := snowreport(fifo(t, "testdata/export.csv"))
	require.Equal(t, 0, code, errs)
	want, err := os.ReadFile("testdata/report.txt")
	require.NoError(t, err)
	assert.Equal(t, string(want), out, "INC006's reversed rows sorted without a second read")

	code, out, errs = snowreport(fifo(t, "testdata/export_us.csv"))
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Contains(t, errs, "is not a file that can be read again: name the order with -dates mdy")
	code, out, errs = snowreport("-dates", "mdy", fifo(t, "testdata/export_us.csv"))
	require.Equal(t, 0, code, errs)
	_, fromFile, _ := snowreport("-dates", "mdy", "testdata/export_us.csv")
	assert.Equal(t, fromFile, out)
}
