// Package seed loads data into an install: the demo data set (plan 2320/KH-SNV with its
// units, users, periods and plausible results) and, later, generated national-scale data.
package seed

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:embed plan-2320-KH-SNV.json
var planJSON []byte

// planFile is the shape of plan-2320-KH-SNV.json, the plan 2320/KH-SNV as data.
type planFile struct {
	Plan struct {
		Code      string   `json:"code"`
		Title     string   `json:"title"`
		IssuedOn  string   `json:"issued_on"`
		IssuedBy  string   `json:"issued_by"`
		StartYear int      `json:"start_year"`
		EndYear   int      `json:"end_year"`
		Basis     []string `json:"basis"`
		Goal      string   `json:"goal"`
	} `json:"plan"`
	Areas []struct {
		Key  string `json:"key"`
		Name string `json:"name"`
		EN   string `json:"en"`
	} `json:"reform_areas"`
	Targets []planTarget `json:"targets"`
	Tasks   []struct {
		Code string `json:"code"`
		Area string `json:"area"`
		Text string `json:"text"`
	} `json:"tasks"`
	Units []struct {
		Code   string  `json:"code"`
		Name   string  `json:"name"`
		Parent *string `json:"parent"`
	} `json:"units"`
}

// planTarget is one target of the plan file.
type planTarget struct {
	Code     string   `json:"code"`
	Area     string   `json:"area"`
	Kind     string   `json:"kind"`
	Op       string   `json:"op"`
	Value    *float64 `json:"value"`
	By       int      `json:"by"`
	EachYear bool     `json:"each_year"`
	Text     string   `json:"text"`
}

func loadPlanFile() (planFile, error) {
	var p planFile
	if err := json.Unmarshal(planJSON, &p); err != nil {
		return p, fmt.Errorf("seed: read plan file: %w", err)
	}
	return p, nil
}
