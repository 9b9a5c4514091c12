// Package calendar is a placeholder being written.
package calendar
