// Package seeds embeds the source article the atlas is built around.
package seeds

import "embed"

// FS holds the article text files, unchanged from the source.
//
//go:embed *.txt
var FS embed.FS

// ArticleFile is the name of the article within FS.
const ArticleFile = "000_78485a8877b098dc.txt"

// Article returns the article text (UTF-8).
func Article() string {
	b, err := FS.ReadFile(ArticleFile)
	if err != nil {
		// The file is embedded at build time; a missing file is a build error.
		panic("seeds: " + err.Error())
	}
	return string(b)
}
