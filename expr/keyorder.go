package expr

import (
	"bytes"
	"encoding/json"
	"sync"
	"sync/atomic"
)

// Objects decoded from JSON text (the execution input, mocked task
// results) are Go maps and lose their key order, which jsonata-js keeps:
// $keys, $each, $spread, * and $string list an object's keys in document
// order. Decoders record that order here, keyed by the map's identity.
var documentOrders sync.Map // unsafe.Pointer → []string

// documentOrdersLeft bounds the table: entries are never removed, so a
// long-lived process stops recording (keys then come out sorted) rather
// than grow without limit.
var documentOrdersLeft atomic.Int64

func init() { documentOrdersLeft.Store(1 << 20) }

// RecordKeyOrder notes the document order of m's keys. Later lookups check
// the keys still match, so a stale entry (a map freed and another
// allocated at the same address) is ignored rather than trusted.
func RecordKeyOrder(m map[string]any, keys []string) {
	if len(m) < 2 || len(keys) != len(m) || documentOrdersLeft.Add(-1) < 0 {
		return
	}
	documentOrders.Store(jnMapID(m), keys)
}

// CopyKeyOrder gives dst, built from the template src with the same keys,
// src's recorded key order.
func CopyKeyOrder(dst, src map[string]any) {
	if keys, ok := documentOrder(src); ok {
		RecordKeyOrder(dst, keys)
	}
}

// documentOrder returns m's recorded key order when it still describes m.
func documentOrder(m map[string]any) ([]string, bool) {
	v, ok := documentOrders.Load(jnMapID(m))
	if !ok {
		return nil, false
	}
	keys := v.([]string)
	if len(keys) != len(m) {
		return nil, false
	}
	for _, k := range keys {
		if _, present := m[k]; !present {
			return nil, false
		}
	}
	return keys, true
}

// RecordKeyOrders reads data, the JSON text v was decoded from, a second time, token by token, to note each
// object's key order (JSONata lists keys in document order; Go maps keep
// none). data is known to be valid: any surprise just stops the walk.
func RecordKeyOrders(data []byte, v any) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	walkKeyOrder(dec, v)
}

func walkKeyOrder(dec *json.Decoder, v any) bool {
	tok, err := dec.Token()
	if err != nil {
		return false
	}
	switch tok {
	case json.Delim('{'):
		m, _ := v.(map[string]any)
		var keys []string
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return false
			}
			k, _ := kt.(string)
			keys = append(keys, k)
			if !walkKeyOrder(dec, m[k]) {
				return false
			}
		}
		if _, err := dec.Token(); err != nil {
			return false
		}
		// a repeated key keeps its last value but its first place, as
		// JavaScript's JSON.parse does
		RecordKeyOrder(m, dedupe(keys))
	case json.Delim('['):
		a, _ := v.([]any)
		for i := 0; dec.More(); i++ {
			var e any
			if i < len(a) {
				e = a[i]
			}
			if !walkKeyOrder(dec, e) {
				return false
			}
		}
		if _, err := dec.Token(); err != nil {
			return false
		}
	}
	return true
}

func dedupe(keys []string) []string {
	seen := make(map[string]bool, len(keys))
	out := keys[:0]
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}
