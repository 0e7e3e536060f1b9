package validate

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/sfnctl/sfnctl/schemas"
)

// stateFields maps a state type to the fields the embedded schema allows
// for it, read once from the schema so the two never disagree.
var stateFields = sync.OnceValue(func() map[string][]string {
	var s struct {
		Defs map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"$defs"`
	}
	out := map[string][]string{}
	if json.Unmarshal(schemas.ASLSchemaJSON(), &s) != nil {
		return out
	}
	for _, t := range []string{"Task", "Pass", "Wait", "Choice", "Succeed", "Fail", "Parallel", "Map"} {
		for f := range s.Defs[strings.ToLower(t)].Properties {
			out[t] = append(out[t], f)
		}
		sort.Strings(out[t])
	}
	return out
})

// didYouMean suggests the closest of candidates to a misspelt name.
func didYouMean(name string, candidates []string) string {
	best, bestD := "", 3
	for _, cand := range candidates {
		if d := editDistance(strings.ToLower(name), strings.ToLower(cand)); d < bestD {
			best, bestD = cand, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean '%s'?", best)
}
