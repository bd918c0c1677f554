package icc

import "testing"

// FuzzLoadICC: any bytes either load or give an error.
func FuzzLoadICC(f *testing.F) {
	f.Add([]byte(`{"states":[{"iso_a3":"AAA","signed":"2000-01-01","joined":"2001-01-01","in_force":"2002-07-01"}]}`))
	f.Add([]byte(`{"states":[{"iso_a3":"AAA","in_force":"2002-07-01","withdrawal_effective":"2001-01-01"}]}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		icc, err := LoadICC(raw)
		if err != nil {
			return
		}
		for i := range icc.States {
			_ = icc.States[i].StatusOn(ArticleDate).Describe()
		}
	})
}
