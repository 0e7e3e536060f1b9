package asl

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// maxErrorScanBytes bounds the bytes yamlErrorLine's line-by-line search
// parses; above it, a bisection finds the line.
const maxErrorScanBytes = 4 << 20

// yamlErrorLine finds the line a YAML syntax error is on. The YAML library
// reports the line where the enclosing block or flow collection starts,
// often several lines above the mistake. The mistake is on the line after
// the longest prefix of whole lines that still parses, searched from the
// library's line on (the error is never above it).
func yamlErrorLine(src []byte, reported int) int {
	ends := lineEnds(src)
	if reported < 1 || reported > len(ends) {
		return reported
	}
	parses := func(k int) bool {
		end := 0
		if k > 0 {
			end = ends[k-1]
		}
		var n yaml.Node
		return safeYAMLUnmarshal(src[:end], &n) == nil
	}
	if (len(ends)-reported+2)*len(src) > maxErrorScanBytes {
		return bisectYAMLError(parses, reported-1, len(ends))
	}
	lastOK := 0
	for k := reported - 1; k <= len(ends); k++ {
		if parses(k) {
			lastOK = k
		}
	}
	if lastOK < reported-1 || lastOK >= len(ends) {
		return reported
	}
	return lastOK + 1
}

// bisectYAMLError is the quick search for large files: it assumes the
// prefix of lo lines parses and the whole file (hi lines) does not, and
// finds a line where one more line stops the file parsing.
func bisectYAMLError(parses func(int) bool, lo, hi int) int {
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if parses(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// lineEnds lists the byte offset just past each line (its newline included).
func lineEnds(src []byte) []int {
	var ends []int
	for off := 0; off < len(src); {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			ends = append(ends, len(src))
			break
		}
		off += i + 1
		ends = append(ends, off)
	}
	return ends
}

// blockContentStart is the line and column of the first non-blank line
// after a block scalar's indicator line.
func blockContentStart(src []byte, indicatorLine int) (line, col int, ok bool) {
	ends := lineEnds(src)
	for l := indicatorLine + 1; l <= len(ends); l++ {
		start := 0
		if l > 1 {
			start = ends[l-2]
		}
		text := bytes.TrimRight(src[start:ends[l-1]], "\r\n")
		trimmed := bytes.TrimLeft(text, " \t")
		if len(trimmed) > 0 {
			return l, len([]rune(string(text[:len(text)-len(trimmed)]))) + 1, true
		}
	}
	return 0, 0, false
}
