namespace MeshOps.Engine.Tests.Templating.Functions;

using static FunctionTestHost;

/// <summary>
/// The template/output pairs of Masterminds/sprig's own test suite (v3, *_test.go), run through our engine.
/// Left out: env/expandenv (Helm removes them), shuffle (random), the two semverCompare error cases (see
/// SprigSemverTests) and the random crypto outputs (see Crypto/: bcrypt, htpasswd and certificates are checked by structure).
/// </summary>
public class SprigVectorTests
{
    [Theory]
    [InlineData("{{derivePassword 1 \"long\" \"password\" \"user\" \"example.com\"}}", "ZedaFaxcZaso9*")] // crypto_test.go
    [InlineData("{{derivePassword 2 \"long\" \"password\" \"user\" \"example.com\"}}", "Fovi2@JifpTupx")] // crypto_test.go
    [InlineData("{{derivePassword 1 \"maximum\" \"password\" \"user\" \"example.com\"}}", "pf4zS1LjCg&LjhsZ7T2~")] // crypto_test.go
    [InlineData("{{derivePassword 1 \"medium\" \"password\" \"user\" \"example.com\"}}", "ZedJuz8$")] // crypto_test.go
    [InlineData("{{derivePassword 1 \"basic\" \"password\" \"user\" \"example.com\"}}", "pIS54PLs")] // crypto_test.go
    [InlineData("{{derivePassword 1 \"short\" \"password\" \"user\" \"example.com\"}}", "Zed5")] // crypto_test.go
    [InlineData("{{derivePassword 1 \"pin\" \"password\" \"user\" \"example.com\"}}", "6685")] // crypto_test.go
    [InlineData("{{\"plaintext\" | encryptAES \"secretkey\" | decryptAES \"secretkey\"}}", "plaintext")] // crypto_test.go
    [InlineData("{{\"fooo\" | substr 0 3 }}", "foo")] // strings_test.go
    [InlineData("{{\"foo\" | substr 0 10 }}", "foo")] // strings_test.go
    [InlineData("{{ \"foooooo\" | trunc 3 }}", "foo")] // strings_test.go
    [InlineData("{{ \"baaaaaar\" | trunc -3 }}", "aar")] // strings_test.go
    [InlineData("{{ \"baaaaaar\" | trunc -999 }}", "baaaaaar")] // strings_test.go
    [InlineData("{{ \"baaaaaz\" | trunc 0 }}", "")] // strings_test.go
    [InlineData("{{quote \"a\" \"b\" \"c\"}}", "\"a\" \"b\" \"c\"")] // strings_test.go
    [InlineData("{{quote \"\\\"a\\\"\" \"b\" \"c\"}}", "\"\\\"a\\\"\" \"b\" \"c\"")] // strings_test.go
    [InlineData("{{quote 1 2 3 }}", "\"1\" \"2\" \"3\"")] // strings_test.go
    [InlineData("{{squote \"a\" \"b\" \"c\"}}", "'a' 'b' 'c'")] // strings_test.go
    [InlineData("{{squote 1 2 3 }}", "'1' '2' '3'")] // strings_test.go
    [InlineData("{{$v := \"foo$bar$baz\" | split \"$\"}}{{$v._0}}", "foo")] // strings_test.go
    [InlineData("{{$v := \"foo$bar$baz\" | splitn \"$\" 2}}{{$v._0}}", "foo")] // strings_test.go
    [InlineData("{{ $s := list 1 2 3 | toStrings }}{{ index $s 1 | kindOf }}", "string")] // strings_test.go
    [InlineData("{{ tuple \"a\" \"b\" \"c\" | join \"-\" }}", "a-b-c")] // strings_test.go
    [InlineData("{{ tuple 1 2 3 | join \"-\" }}", "1-2-3")] // strings_test.go
    [InlineData("{{ list \"c\" \"a\" \"b\" | sortAlpha | join \"\" }}", "abc")] // strings_test.go
    [InlineData("{{ list 2 1 4 3 | sortAlpha | join \"\" }}", "1234")] // strings_test.go
    [InlineData("{{abbrev 5 \"hello world\"}}", "he...")] // strings_test.go
    [InlineData("{{abbrevboth 5 10 \"1234 5678 9123\"}}", "...5678...")] // strings_test.go
    [InlineData("{{nospace \"h e l l o \"}}", "hello")] // strings_test.go
    [InlineData("{{untitle \"First Try\"}}", "first try")] // strings_test.go
    [InlineData("{{initials \"First Try\"}}", "FT")] // strings_test.go
    [InlineData("{{wrap 5 \"Hello World\"}}", "Hello\nWorld")] // strings_test.go
    [InlineData("{{wrapWith 5 \"\\t\" \"Hello World\"}}", "Hello\tWorld")] // strings_test.go
    [InlineData("{{$b := \"b\"}}{{\"c\" | cat \"a\" $b}}", "a b c")] // strings_test.go
    [InlineData("{{indent 4 \"a\\nb\\nc\"}}", "    a\n    b\n    c")] // strings_test.go
    [InlineData("{{nindent 4 \"a\\nb\\nc\"}}", "\n    a\n    b\n    c")] // strings_test.go
    [InlineData("{{\"I Am Henry VIII\" | replace \" \" \"-\"}}", "I-Am-Henry-VIII")] // strings_test.go
    [InlineData("{{$num := len \"two\"}}{{$num}} {{$num | plural \"1 char\" \"chars\"}}", "3 chars")] // strings_test.go
    [InlineData("{{len \"t\" | plural \"cheese\" \"%d chars\"}}", "cheese")] // strings_test.go
    [InlineData("{{$t := tuple 1 \"a\" \"foo\"}}{{index $t 2}}{{index $t 0 }}{{index $t 1}}", "foo1a")] // list_test.go
    [InlineData("{{$t := list 1 \"a\" \"foo\"}}{{index $t 2}}{{index $t 0 }}{{index $t 1}}", "foo1a")] // list_test.go
    [InlineData("{{ $t := tuple 1 2 3  }}{{ append $t 4 | len }}", "4")] // list_test.go
    [InlineData("{{ $t := tuple 1 2 3 4  }}{{ append $t 5 | join \"-\" }}", "1-2-3-4-5")] // list_test.go
    [InlineData("{{ $t := regexSplit \"/\" \"foo/bar/baz\" -1 }}{{ append $t \"qux\" | join \"-\" }}", "foo-bar-baz-qux")] // list_test.go
    [InlineData("{{ $t := tuple 1 2 3  }}{{ mustAppend $t 4 | len }}", "4")] // list_test.go
    [InlineData("{{ $t := tuple 1 2 3 4  }}{{ mustAppend $t 5 | join \"-\" }}", "1-2-3-4-5")] // list_test.go
    [InlineData("{{ $t := regexSplit \"/\" \"foo/bar/baz\" -1 }}{{ mustPush $t \"qux\" | join \"-\" }}", "foo-bar-baz-qux")] // list_test.go
    [InlineData("{{ tuple 1 2 3 4 5 6 7 | chunk 3 | len }}", "3")] // list_test.go
    [InlineData("{{ tuple | chunk 3 | len }}", "0")] // list_test.go
    [InlineData("{{ range ( tuple 1 2 3 4 5 6 7 8 9 | chunk 3 ) }}{{. | join \"-\"}}|{{end}}", "1-2-3|4-5-6|7-8-9|")] // list_test.go
    [InlineData("{{ range ( tuple 1 2 3 4 5 6 7 8 | chunk 3 ) }}{{. | join \"-\"}}|{{end}}", "1-2-3|4-5-6|7-8|")] // list_test.go
    [InlineData("{{ range ( tuple 1 2 | chunk 3 ) }}{{. | join \"-\"}}|{{end}}", "1-2|")] // list_test.go
    [InlineData("{{ tuple 1 2 3 4 5 6 7 | mustChunk 3 | len }}", "3")] // list_test.go
    [InlineData("{{ tuple | mustChunk 3 | len }}", "0")] // list_test.go
    [InlineData("{{ range ( tuple 1 2 3 4 5 6 7 8 9 | mustChunk 3 ) }}{{. | join \"-\"}}|{{end}}", "1-2-3|4-5-6|7-8-9|")] // list_test.go
    [InlineData("{{ range ( tuple 1 2 3 4 5 6 7 8 | mustChunk 3 ) }}{{. | join \"-\"}}|{{end}}", "1-2-3|4-5-6|7-8|")] // list_test.go
    [InlineData("{{ range ( tuple 1 2 | mustChunk 3 ) }}{{. | join \"-\"}}|{{end}}", "1-2|")] // list_test.go
    [InlineData("{{ $t := tuple 1 2 3  }}{{ prepend $t 0 | len }}", "4")] // list_test.go
    [InlineData("{{ $t := tuple 1 2 3 4  }}{{ prepend $t 0 | join \"-\" }}", "0-1-2-3-4")] // list_test.go
    [InlineData("{{ $t := regexSplit \"/\" \"foo/bar/baz\" -1 }}{{ prepend $t \"qux\" | join \"-\" }}", "qux-foo-bar-baz")] // list_test.go
    [InlineData("{{ $t := tuple 1 2 3  }}{{ mustPrepend $t 0 | len }}", "4")] // list_test.go
    [InlineData("{{ $t := tuple 1 2 3 4  }}{{ mustPrepend $t 0 | join \"-\" }}", "0-1-2-3-4")] // list_test.go
    [InlineData("{{ $t := regexSplit \"/\" \"foo/bar/baz\" -1 }}{{ mustPrepend $t \"qux\" | join \"-\" }}", "qux-foo-bar-baz")] // list_test.go
    [InlineData("{{ list 1 2 3 | first }}", "1")] // list_test.go
    [InlineData("{{ list | first }}", "<no value>")] // list_test.go
    [InlineData("{{ regexSplit \"/src/\" \"foo/src/bar\" -1 | first }}", "foo")] // list_test.go
    [InlineData("{{ list 1 2 3 | mustFirst }}", "1")] // list_test.go
    [InlineData("{{ list | mustFirst }}", "<no value>")] // list_test.go
    [InlineData("{{ regexSplit \"/src/\" \"foo/src/bar\" -1 | mustFirst }}", "foo")] // list_test.go
    [InlineData("{{ list 1 2 3 | last }}", "3")] // list_test.go
    [InlineData("{{ list | last }}", "<no value>")] // list_test.go
    [InlineData("{{ regexSplit \"/src/\" \"foo/src/bar\" -1 | last }}", "bar")] // list_test.go
    [InlineData("{{ list 1 2 3 | mustLast }}", "3")] // list_test.go
    [InlineData("{{ list | mustLast }}", "<no value>")] // list_test.go
    [InlineData("{{ regexSplit \"/src/\" \"foo/src/bar\" -1 | mustLast }}", "bar")] // list_test.go
    [InlineData("{{ list 1 2 3 | initial | len }}", "2")] // list_test.go
    [InlineData("{{ list 1 2 3 | initial | last }}", "2")] // list_test.go
    [InlineData("{{ list 1 2 3 | initial | first }}", "1")] // list_test.go
    [InlineData("{{ list | initial }}", "[]")] // list_test.go
    [InlineData("{{ regexSplit \"/\" \"foo/bar/baz\" -1 | initial }}", "[foo bar]")] // list_test.go
    [InlineData("{{ list 1 2 3 | mustInitial | len }}", "2")] // list_test.go
    [InlineData("{{ list 1 2 3 | mustInitial | last }}", "2")] // list_test.go
    [InlineData("{{ list 1 2 3 | mustInitial | first }}", "1")] // list_test.go
    [InlineData("{{ list | mustInitial }}", "[]")] // list_test.go
    [InlineData("{{ regexSplit \"/\" \"foo/bar/baz\" -1 | mustInitial }}", "[foo bar]")] // list_test.go
    [InlineData("{{ list 1 2 3 | rest | len }}", "2")] // list_test.go
    [InlineData("{{ list 1 2 3 | rest | last }}", "3")] // list_test.go
    [InlineData("{{ list 1 2 3 | rest | first }}", "2")] // list_test.go
    [InlineData("{{ list | rest }}", "[]")] // list_test.go
    [InlineData("{{ regexSplit \"/\" \"foo/bar/baz\" -1 | rest }}", "[bar baz]")] // list_test.go
    [InlineData("{{ list 1 2 3 | mustRest | len }}", "2")] // list_test.go
    [InlineData("{{ list 1 2 3 | mustRest | last }}", "3")] // list_test.go
    [InlineData("{{ list 1 2 3 | mustRest | first }}", "2")] // list_test.go
    [InlineData("{{ list | mustRest }}", "[]")] // list_test.go
    [InlineData("{{ regexSplit \"/\" \"foo/bar/baz\" -1 | mustRest }}", "[bar baz]")] // list_test.go
    [InlineData("{{ list 1 2 3 | reverse | first }}", "3")] // list_test.go
    [InlineData("{{ list 1 2 3 | reverse | rest | first }}", "2")] // list_test.go
    [InlineData("{{ list 1 2 3 | reverse | last }}", "1")] // list_test.go
    [InlineData("{{ list 1 2 3 4 | reverse }}", "[4 3 2 1]")] // list_test.go
    [InlineData("{{ list 1 | reverse }}", "[1]")] // list_test.go
    [InlineData("{{ list | reverse }}", "[]")] // list_test.go
    [InlineData("{{ regexSplit \"/\" \"foo/bar/baz\" -1 | reverse }}", "[baz bar foo]")] // list_test.go
    [InlineData("{{ list 1 2 3 | mustReverse | first }}", "3")] // list_test.go
    [InlineData("{{ list 1 2 3 | mustReverse | rest | first }}", "2")] // list_test.go
    [InlineData("{{ list 1 2 3 | mustReverse | last }}", "1")] // list_test.go
    [InlineData("{{ list 1 2 3 4 | mustReverse }}", "[4 3 2 1]")] // list_test.go
    [InlineData("{{ list 1 | mustReverse }}", "[1]")] // list_test.go
    [InlineData("{{ list | mustReverse }}", "[]")] // list_test.go
    [InlineData("{{ regexSplit \"/\" \"foo/bar/baz\" -1 | mustReverse }}", "[baz bar foo]")] // list_test.go
    [InlineData("{{ list 1 0 \"\" \"hello\" | compact }}", "[1 hello]")] // list_test.go
    [InlineData("{{ list \"\" \"\" | compact }}", "[]")] // list_test.go
    [InlineData("{{ list | compact }}", "[]")] // list_test.go
    [InlineData("{{ regexSplit \"/\" \"foo//bar\" -1 | compact }}", "[foo bar]")] // list_test.go
    [InlineData("{{ list 1 0 \"\" \"hello\" | mustCompact }}", "[1 hello]")] // list_test.go
    [InlineData("{{ list \"\" \"\" | mustCompact }}", "[]")] // list_test.go
    [InlineData("{{ list | mustCompact }}", "[]")] // list_test.go
    [InlineData("{{ regexSplit \"/\" \"foo//bar\" -1 | mustCompact }}", "[foo bar]")] // list_test.go
    [InlineData("{{ list 1 2 3 4 | uniq }}", "[1 2 3 4]")] // list_test.go
    [InlineData("{{ list \"a\" \"b\" \"c\" \"d\" | uniq }}", "[a b c d]")] // list_test.go
    [InlineData("{{ list 1 1 1 1 2 2 2 2 | uniq }}", "[1 2]")] // list_test.go
    [InlineData("{{ list \"foo\" 1 1 1 1 \"foo\" \"foo\" | uniq }}", "[foo 1]")] // list_test.go
    [InlineData("{{ list | uniq }}", "[]")] // list_test.go
    [InlineData("{{ regexSplit \"/\" \"foo/foo/bar\" -1 | uniq }}", "[foo bar]")] // list_test.go
    [InlineData("{{ list 1 2 3 4 | mustUniq }}", "[1 2 3 4]")] // list_test.go
    [InlineData("{{ list \"a\" \"b\" \"c\" \"d\" | mustUniq }}", "[a b c d]")] // list_test.go
    [InlineData("{{ list 1 1 1 1 2 2 2 2 | mustUniq }}", "[1 2]")] // list_test.go
    [InlineData("{{ list \"foo\" 1 1 1 1 \"foo\" \"foo\" | mustUniq }}", "[foo 1]")] // list_test.go
    [InlineData("{{ list | mustUniq }}", "[]")] // list_test.go
    [InlineData("{{ regexSplit \"/\" \"foo/foo/bar\" -1 | mustUniq }}", "[foo bar]")] // list_test.go
    [InlineData("{{ without (list 1 2 3 4) 1 }}", "[2 3 4]")] // list_test.go
    [InlineData("{{ without (list \"a\" \"b\" \"c\" \"d\") \"a\" }}", "[b c d]")] // list_test.go
    [InlineData("{{ without (list 1 1 1 1 2) 1 }}", "[2]")] // list_test.go
    [InlineData("{{ without (list) 1 }}", "[]")] // list_test.go
    [InlineData("{{ without (list 1 2 3) }}", "[1 2 3]")] // list_test.go
    [InlineData("{{ without list }}", "[]")] // list_test.go
    [InlineData("{{ without (regexSplit \"/\" \"foo/bar/baz\" -1 ) \"foo\" }}", "[bar baz]")] // list_test.go
    [InlineData("{{ mustWithout (list 1 2 3 4) 1 }}", "[2 3 4]")] // list_test.go
    [InlineData("{{ mustWithout (list \"a\" \"b\" \"c\" \"d\") \"a\" }}", "[b c d]")] // list_test.go
    [InlineData("{{ mustWithout (list 1 1 1 1 2) 1 }}", "[2]")] // list_test.go
    [InlineData("{{ mustWithout (list) 1 }}", "[]")] // list_test.go
    [InlineData("{{ mustWithout (list 1 2 3) }}", "[1 2 3]")] // list_test.go
    [InlineData("{{ mustWithout list }}", "[]")] // list_test.go
    [InlineData("{{ mustWithout (regexSplit \"/\" \"foo/bar/baz\" -1 ) \"foo\" }}", "[bar baz]")] // list_test.go
    [InlineData("{{ list 1 2 3 | has 1 }}", "true")] // list_test.go
    [InlineData("{{ list 1 2 3 | has 4 }}", "false")] // list_test.go
    [InlineData("{{ regexSplit \"/\" \"foo/bar/baz\" -1 | has \"bar\" }}", "true")] // list_test.go
    [InlineData("{{ has \"bar\" nil }}", "false")] // list_test.go
    [InlineData("{{ list 1 2 3 | mustHas 1 }}", "true")] // list_test.go
    [InlineData("{{ list 1 2 3 | mustHas 4 }}", "false")] // list_test.go
    [InlineData("{{ regexSplit \"/\" \"foo/bar/baz\" -1 | mustHas \"bar\" }}", "true")] // list_test.go
    [InlineData("{{ mustHas \"bar\" nil }}", "false")] // list_test.go
    [InlineData("{{ slice (list 1 2 3) }}", "[1 2 3]")] // list_test.go
    [InlineData("{{ slice (list 1 2 3) 0 1 }}", "[1]")] // list_test.go
    [InlineData("{{ slice (list 1 2 3) 1 3 }}", "[2 3]")] // list_test.go
    [InlineData("{{ slice (list 1 2 3) 1 }}", "[2 3]")] // list_test.go
    [InlineData("{{ slice (regexSplit \"/\" \"foo/bar/baz\" -1) 1 2 }}", "[bar]")] // list_test.go
    [InlineData("{{ mustSlice (list 1 2 3) }}", "[1 2 3]")] // list_test.go
    [InlineData("{{ mustSlice (list 1 2 3) 0 1 }}", "[1]")] // list_test.go
    [InlineData("{{ mustSlice (list 1 2 3) 1 3 }}", "[2 3]")] // list_test.go
    [InlineData("{{ mustSlice (list 1 2 3) 1 }}", "[2 3]")] // list_test.go
    [InlineData("{{ mustSlice (regexSplit \"/\" \"foo/bar/baz\" -1) 1 2 }}", "[bar]")] // list_test.go
    [InlineData("{{ concat (list 1 2 3) }}", "[1 2 3]")] // list_test.go
    [InlineData("{{ concat (list 1 2 3) (list 4 5) }}", "[1 2 3 4 5]")] // list_test.go
    [InlineData("{{ concat (list 1 2 3) (list 4 5) (list) }}", "[1 2 3 4 5]")] // list_test.go
    [InlineData("{{ concat (list 1 2 3) (list 4 5) (list nil) }}", "[1 2 3 4 5 <nil>]")] // list_test.go
    [InlineData("{{ concat (list 1 2 3) (list 4 5) (list ( list \"foo\" ) ) }}", "[1 2 3 4 5 [foo]]")] // list_test.go
    [InlineData("{{$t := dict \"I\" \"shot\" \"the\" \"albatross\"}}{{$t.the}} {{$t.I}}", "albatross shot")] // dict_test.go
    [InlineData("{{ dict \"foo\" 1 \"bar\" 2 | keys | sortAlpha }}", "[bar foo]")] // dict_test.go
    [InlineData("{{ dict | keys }}", "[]")] // dict_test.go
    [InlineData("{{ keys (dict \"foo\" 1) (dict \"bar\" 2) (dict \"bar\" 3) | uniq | sortAlpha }}", "[bar foo]")] // dict_test.go
    [InlineData("{{- $d := dict \"one\" 1 \"two\" 222222 }}{{ pick $d \"two\" | len -}}", "1")] // dict_test.go
    [InlineData("{{- $d := dict \"one\" 1 \"two\" 222222 }}{{ pick $d \"two\" -}}", "map[two:222222]")] // dict_test.go
    [InlineData("{{- $d := dict \"one\" 1 \"two\" 222222 }}{{ pick $d \"one\" \"two\" | len -}}", "2")] // dict_test.go
    [InlineData("{{- $d := dict \"one\" 1 \"two\" 222222 }}{{ pick $d \"one\" \"two\" \"three\" | len -}}", "2")] // dict_test.go
    [InlineData("{{- $d := dict }}{{ pick $d \"two\" | len -}}", "0")] // dict_test.go
    [InlineData("{{- $d := dict \"one\" 1 \"two\" 222222 }}{{ omit $d \"one\" | len -}}", "1")] // dict_test.go
    [InlineData("{{- $d := dict \"one\" 1 \"two\" 222222 }}{{ omit $d \"one\" -}}", "map[two:222222]")] // dict_test.go
    [InlineData("{{- $d := dict \"one\" 1 \"two\" 222222 }}{{ omit $d \"one\" \"two\" | len -}}", "0")] // dict_test.go
    [InlineData("{{- $d := dict \"one\" 1 \"two\" 222222 }}{{ omit $d \"two\" \"three\" | len -}}", "1")] // dict_test.go
    [InlineData("{{- $d := dict }}{{ omit $d \"two\" | len -}}", "0")] // dict_test.go
    [InlineData("{{- $d := dict \"one\" 1 }}{{ get $d \"one\" -}}", "1")] // dict_test.go
    [InlineData("{{- $d := dict \"one\" 1 \"two\" \"2\" }}{{ get $d \"two\" -}}", "2")] // dict_test.go
    [InlineData("{{- $d := dict }}{{ get $d \"two\" -}}", "")] // dict_test.go
    [InlineData("{{- $d := dict \"a\" 1 \"b\" 2 }}{{ values $d | sortAlpha | join \",\" }}", "1,2")] // dict_test.go
    [InlineData("{{- $d := dict \"a\" \"first\" \"b\" 2 }}{{ values $d | sortAlpha | join \",\" }}", "2,first")] // dict_test.go
    [InlineData("{{- $d := dict \"a\" 1 \"b\" 2 | deepCopy }}{{ values $d | sortAlpha | join \",\" }}", "1,2")] // dict_test.go
    [InlineData("{{- $d := dict \"a\" 1 \"b\" 2 | deepCopy }}{{ keys $d | sortAlpha | join \",\" }}", "a,b")] // dict_test.go
    [InlineData("{{- $one := dict \"foo\" (dict \"bar\" \"baz\") \"qux\" true -}}{{ deepCopy $one }}", "map[foo:map[bar:baz] qux:true]")] // dict_test.go
    [InlineData("{{- $d := dict \"a\" 1 \"b\" 2 | mustDeepCopy }}{{ values $d | sortAlpha | join \",\" }}", "1,2")] // dict_test.go
    [InlineData("{{- $d := dict \"a\" 1 \"b\" 2 | mustDeepCopy }}{{ keys $d | sortAlpha | join \",\" }}", "a,b")] // dict_test.go
    [InlineData("{{- $one := dict \"foo\" (dict \"bar\" \"baz\") \"qux\" true -}}{{ mustDeepCopy $one }}", "map[foo:map[bar:baz] qux:true]")] // dict_test.go
    [InlineData("{{- $d := dict \"a\" (dict \"b\" (dict \"c\" 1)) }}{{ dig \"a\" \"b\" \"c\" \"\" $d }}", "1")] // dict_test.go
    [InlineData("{{- $d := dict \"a\" (dict \"b\" (dict \"c\" 1)) }}{{ dig \"a\" \"b\" \"z\" \"2\" $d }}", "2")] // dict_test.go
    [InlineData("{{ dict \"a\" 1 | dig \"a\" \"\" }}", "1")] // dict_test.go
    [InlineData("{{ dict \"a\" 1 | dig \"z\" \"2\" }}", "2")] // dict_test.go
    [InlineData("{{\"\" | default \"foo\"}}", "foo")] // defaults_test.go
    [InlineData("{{default \"foo\" 234}}", "234")] // defaults_test.go
    [InlineData("{{default \"foo\" 2.34}}", "2.34")] // defaults_test.go
    [InlineData("{{ .Nothing | default \"123\" }}", "123")] // defaults_test.go
    [InlineData("{{ default \"123\" }}", "123")] // defaults_test.go
    [InlineData("{{if empty 1}}1{{else}}0{{end}}", "0")] // defaults_test.go
    [InlineData("{{if empty 0}}1{{else}}0{{end}}", "1")] // defaults_test.go
    [InlineData("{{if empty \"\"}}1{{else}}0{{end}}", "1")] // defaults_test.go
    [InlineData("{{if empty 0.0}}1{{else}}0{{end}}", "1")] // defaults_test.go
    [InlineData("{{if empty false}}1{{else}}0{{end}}", "1")] // defaults_test.go
    [InlineData("{{ coalesce 1 }}", "1")] // defaults_test.go
    [InlineData("{{ coalesce \"\" 0 nil 2 }}", "2")] // defaults_test.go
    [InlineData("{{ $two := 2 }}{{ coalesce \"\" 0 nil $two }}", "2")] // defaults_test.go
    [InlineData("{{ $two := 2 }}{{ coalesce \"\" $two 0 0 0 }}", "2")] // defaults_test.go
    [InlineData("{{ $two := 2 }}{{ coalesce \"\" $two 3 4 5 }}", "2")] // defaults_test.go
    [InlineData("{{ coalesce }}", "<no value>")] // defaults_test.go
    [InlineData("{{ all 1 }}", "true")] // defaults_test.go
    [InlineData("{{ all \"\" 0 nil 2 }}", "false")] // defaults_test.go
    [InlineData("{{ $two := 2 }}{{ all \"\" 0 nil $two }}", "false")] // defaults_test.go
    [InlineData("{{ $two := 2 }}{{ all \"\" $two 0 0 0 }}", "false")] // defaults_test.go
    [InlineData("{{ $two := 2 }}{{ all \"\" $two 3 4 5 }}", "false")] // defaults_test.go
    [InlineData("{{ all }}", "true")] // defaults_test.go
    [InlineData("{{ any 1 }}", "true")] // defaults_test.go
    [InlineData("{{ any \"\" 0 nil 2 }}", "true")] // defaults_test.go
    [InlineData("{{ $two := 2 }}{{ any \"\" 0 nil $two }}", "true")] // defaults_test.go
    [InlineData("{{ $two := 2 }}{{ any \"\" $two 3 4 5 }}", "true")] // defaults_test.go
    [InlineData("{{ $zero := 0 }}{{ any \"\" $zero 0 0 0 }}", "false")] // defaults_test.go
    [InlineData("{{ any }}", "false")] // defaults_test.go
    [InlineData("{{true | ternary \"foo\" \"bar\"}}", "foo")] // defaults_test.go
    [InlineData("{{ternary \"foo\" \"bar\" true}}", "foo")] // defaults_test.go
    [InlineData("{{false | ternary \"foo\" \"bar\"}}", "bar")] // defaults_test.go
    [InlineData("{{ternary \"foo\" \"bar\" false}}", "bar")] // defaults_test.go
    [InlineData("{{range $i, $e := until 5}}{{$i}}{{$e}}{{end}}", "0011223344")] // numeric_test.go
    [InlineData("{{range $i, $e := until -5}}{{$i}}{{$e}} {{end}}", "00 1-1 2-2 3-3 4-4 ")] // numeric_test.go
    [InlineData("{{range $i, $e := untilStep 0 5 1}}{{$i}}{{$e}}{{end}}", "0011223344")] // numeric_test.go
    [InlineData("{{range $i, $e := untilStep 3 6 1}}{{$i}}{{$e}}{{end}}", "031425")] // numeric_test.go
    [InlineData("{{range $i, $e := untilStep 0 -10 -2}}{{$i}}{{$e}} {{end}}", "00 1-2 2-4 3-6 4-8 ")] // numeric_test.go
    [InlineData("{{range $i, $e := untilStep 3 0 1}}{{$i}}{{$e}}{{end}}", "")] // numeric_test.go
    [InlineData("{{range $i, $e := untilStep 3 99 0}}{{$i}}{{$e}}{{end}}", "")] // numeric_test.go
    [InlineData("{{range $i, $e := untilStep 3 99 -1}}{{$i}}{{$e}}{{end}}", "")] // numeric_test.go
    [InlineData("{{range $i, $e := untilStep 3 0 0}}{{$i}}{{$e}}{{end}}", "")] // numeric_test.go
    [InlineData("{{ biggest 1 2 3 345 5 6 7}}", "345")] // numeric_test.go
    [InlineData("{{ max 345}}", "345")] // numeric_test.go
    [InlineData("{{ maxf 1 2 3 345.7 5 6 7}}", "345.7")] // numeric_test.go
    [InlineData("{{ max 345 }}", "345")] // numeric_test.go
    [InlineData("{{ min 1 2 3 345 5 6 7}}", "1")] // numeric_test.go
    [InlineData("{{ min 345}}", "345")] // numeric_test.go
    [InlineData("{{ minf 1.4 2 3 345.6 5 6 7}}", "1.4")] // numeric_test.go
    [InlineData("{{ minf 345 }}", "345")] // numeric_test.go
    [InlineData("{{ 3 | add1 }}", "4")] // numeric_test.go
    [InlineData("{{ 3.4 | add1f }}", "4.4")] // numeric_test.go
    [InlineData("{{ 3 | add 1 2}}", "6")] // numeric_test.go
    [InlineData("{{ 3 | addf 1.5 2.2}}", "6.7")] // numeric_test.go
    [InlineData("{{ 4 | div 5 }}", "1")] // numeric_test.go
    [InlineData("{{ 2 | divf 5 4 }}", "0.625")] // numeric_test.go
    [InlineData("{{ 1 | mul \"2\" 3 \"4\"}}", "24")] // numeric_test.go
    [InlineData("{{ 1.2 | mulf \"2.4\" 10 \"4\"}}", "115.2")] // numeric_test.go
    [InlineData("{{ 3 | sub 14 }}", "11")] // numeric_test.go
    [InlineData("{{ 3 | subf 4.5 1 }}", "0.5")] // numeric_test.go
    [InlineData("{{seq 0 1 3}}", "0 1 2 3")] // numeric_test.go
    [InlineData("{{seq 0 3 10}}", "0 3 6 9")] // numeric_test.go
    [InlineData("{{seq 3 3 2}}", "")] // numeric_test.go
    [InlineData("{{seq 3 -3 2}}", "3")] // numeric_test.go
    [InlineData("{{seq}}", "")] // numeric_test.go
    [InlineData("{{seq 0 4}}", "0 1 2 3 4")] // numeric_test.go
    [InlineData("{{seq 5}}", "1 2 3 4 5")] // numeric_test.go
    [InlineData("{{seq -5}}", "1 0 -1 -2 -3 -4 -5")] // numeric_test.go
    [InlineData("{{seq 0}}", "1 0")] // numeric_test.go
    [InlineData("{{seq 0 1 2 3}}", "")] // numeric_test.go
    [InlineData("{{seq 0 -4}}", "0 -1 -2 -3 -4")] // numeric_test.go
    [InlineData("{{ semverCompare \"1.2.3\" \"1.2.3\" }}", "true")] // semver_test.go
    [InlineData("{{ semverCompare \"^1.2.0\" \"1.2.3\" }}", "true")] // semver_test.go
    [InlineData("{{ semverCompare \"^1.2.0\" \"2.2.3\" }}", "false")] // semver_test.go
    [InlineData("{{ $s := semver \"1.2.3-beta.1+c0ff33\" }}{{ $s.Prerelease }}", "beta.1")] // semver_test.go
    [InlineData("{{ $s := semver \"1.2.3-beta.1+c0ff33\" }}{{ $s.Major}}", "1")] // semver_test.go
    [InlineData("{{ semver \"1.2.3\" | (semver \"1.2.3\").Compare }}", "0")] // semver_test.go
    [InlineData("{{ semver \"1.2.3\" | (semver \"1.3.3\").Compare }}", "1")] // semver_test.go
    [InlineData("{{ semver \"1.4.3\" | (semver \"1.2.3\").Compare }}", "-1")] // semver_test.go
    [InlineData("{{ urlJoin (dict \"fragment\" \"fragment\" \"host\" \"host:80\" \"path\" \"/path\" \"query\" \"query\" \"scheme\" \"proto\") }}", "proto://host:80/path?query#fragment")] // url_test.go
    [InlineData("{{ urlJoin (dict \"fragment\" \"fragment\" \"host\" \"host:80\" \"path\" \"/path\" \"scheme\" \"proto\" \"userinfo\" \"ASDJKJSD\") }}", "proto://ASDJKJSD@host:80/path#fragment")] // url_test.go
    [InlineData("{{\"abc\" | sha512sum}}", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")] // crypto_test.go
    [InlineData("{{\"abc\" | sha256sum}}", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")] // crypto_test.go
    [InlineData("{{\"abc\" | sha1sum}}", "a9993e364706816aba3e25717850c26c9cd0d89d")] // crypto_test.go
    [InlineData("{{\"abc\" | adler32sum}}", "38600999")] // crypto_test.go
    [InlineData("{{toDate \"2006-01-02\" \"2017-12-31\" | date \"02/01/2006\"}}", "31/12/2017")] // date_test.go
    [InlineData("{{ base \"foo/bar\" }}", "bar")] // functions_test.go
    [InlineData("{{ dir \"foo/bar/baz\" }}", "foo/bar")] // functions_test.go
    [InlineData("{{ isAbs \"/foo\" }}", "true")] // functions_test.go
    [InlineData("{{ isAbs \"foo\" }}", "false")] // functions_test.go
    [InlineData("{{ clean \"/foo/../foo/../bar\" }}", "/bar")] // functions_test.go
    [InlineData("{{ ext \"/foo/bar/baz.txt\" }}", ".txt")] // functions_test.go
    [InlineData("{{ snakecase \"FirstName\" }}", "first_name")] // functions_test.go
    [InlineData("{{ snakecase \"HTTPServer\" }}", "http_server")] // functions_test.go
    [InlineData("{{ snakecase \"NoHTTPS\" }}", "no_https")] // functions_test.go
    [InlineData("{{ snakecase \"GO_PATH\" }}", "go_path")] // functions_test.go
    [InlineData("{{ snakecase \"GO PATH\" }}", "go_path")] // functions_test.go
    [InlineData("{{ snakecase \"GO-PATH\" }}", "go_path")] // functions_test.go
    [InlineData("{{ camelcase \"http_server\" }}", "HttpServer")] // functions_test.go
    [InlineData("{{ camelcase \"_camel_case\" }}", "_CamelCase")] // functions_test.go
    [InlineData("{{ camelcase \"no_https\" }}", "NoHttps")] // functions_test.go
    [InlineData("{{ camelcase \"_complex__case_\" }}", "_Complex_Case_")] // functions_test.go
    [InlineData("{{ camelcase \"all\" }}", "All")] // functions_test.go
    [InlineData("{{ kebabcase \"FirstName\" }}", "first-name")] // functions_test.go
    [InlineData("{{ kebabcase \"HTTPServer\" }}", "http-server")] // functions_test.go
    [InlineData("{{ kebabcase \"NoHTTPS\" }}", "no-https")] // functions_test.go
    [InlineData("{{ kebabcase \"GO_PATH\" }}", "go-path")] // functions_test.go
    [InlineData("{{ kebabcase \"GO PATH\" }}", "go-path")] // functions_test.go
    [InlineData("{{ kebabcase \"GO-PATH\" }}", "go-path")] // functions_test.go
    [InlineData("{{ regexQuoteMeta \"1.2.3\" }}", "1\\.2\\.3")] // functions_test.go
    [InlineData("{{ regexQuoteMeta \"pretzel\" }}", "pretzel")] // functions_test.go
    public void Sprig_test_vector(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }
}
