# The helm-corpus (../shared/helm-corpus, see its README) as Expand-MeshChart calls: reading cases.tsv, turning a
# case's helm arguments into parameters, and the comparisons. Dot-sourced by HelmCorpus.Tests.ps1 and
# bench/HelmCorpus.Bench.ps1 (after the module is imported); $CorpusRoot must be set first.

# The rows of cases.tsv as hashtables (column names as keys), each with Mode: identical, random or error.
function Read-CorpusCases([string] $Root) {
    $lines = [IO.File]::ReadAllLines((Join-Path $Root 'cases.tsv'), [Text.Encoding]::UTF8)
    $header = $lines[0] -split "`t"
    foreach ($line in $lines | Select-Object -Skip 1) {
        if ($line.Length -eq 0) { continue }
        $cells = $line -split "`t"
        $row = @{}
        for ($i = 0; $i -lt $header.Count; $i++) { $row[$header[$i]] = if ($i -lt $cells.Count) { $cells[$i] } else { '' } }
        $notes = $row.note -split '; '
        $row.Mode = if ($row.expected_rc -ne '0') { 'error' } elseif ($notes -contains 'random') { 'random' } else { 'identical' }
        $row
    }
}

# POSIX shell word splitting (Python's shlex.split, as the corpus documents): blanks separate words, '...'
# keeps everything, "..." keeps all but \" \\ \$ \` escapes, a bare \ takes the next character.
function Split-ShellWords([string] $Text) {
    $words = [Collections.Generic.List[string]]::new()
    $word = [Text.StringBuilder]::new()
    $inWord = $false
    $i = 0
    while ($i -lt $Text.Length) {
        $c = $Text[$i]
        if ($c -eq "'") {
            $end = $Text.IndexOf("'", $i + 1)
            if ($end -lt 0) { throw "No closing quotation in: $Text" }
            [void]$word.Append($Text.Substring($i + 1, $end - $i - 1)); $inWord = $true; $i = $end + 1; continue
        }
        if ($c -eq '"') {
            $i++
            while ($true) {
                if ($i -ge $Text.Length) { throw "No closing quotation in: $Text" }
                $d = $Text[$i]
                if ($d -eq '"') { break }
                if ($d -eq '\' -and $i + 1 -lt $Text.Length -and '"\$`'.Contains($Text[$i + 1])) { $i++; $d = $Text[$i] }
                [void]$word.Append($d); $i++
            }
            $inWord = $true; $i++; continue
        }
        if ($c -eq '\') {
            if ($i + 1 -lt $Text.Length) { [void]$word.Append($Text[$i + 1]) }
            $inWord = $true; $i += 2; continue
        }
        if ([char]::IsWhiteSpace($c)) {
            if ($inWord) { $words.Add($word.ToString()); [void]$word.Clear(); $inWord = $false }
            $i++; continue
        }
        [void]$word.Append($c); $inWord = $true; $i++
    }
    if ($inWord) { $words.Add($word.ToString()) }
    , $words.ToArray()
}

# helm template's flags (those a case may use) as Expand-MeshChart parameters; repeated flags accumulate in order.
function ConvertTo-ExpandParameters([string[]] $Words) {
    $lists = @{ '-f' = 'ValuesPath'; '--values' = 'ValuesPath'; '--set' = 'Set'; '--set-string' = 'SetString'
        '--set-json' = 'SetJson'; '--set-file' = 'SetFile'; '--set-literal' = 'SetLiteral'
        '--show-only' = 'ShowOnly'; '-s' = 'ShowOnly'; '--api-versions' = 'ApiVersion'; '-a' = 'ApiVersion'
    }
    $scalars = @{ '--kube-version' = 'KubeVersion'; '-n' = 'Namespace'; '--namespace' = 'Namespace'; '--output-dir' = 'OutputDirectory' }
    $switches = @{ '--include-crds' = 'IncludeCrds'; '--skip-schema-validation' = 'SkipSchemaValidation'
        '--skip-tests' = 'SkipTests'; '--no-hooks' = 'NoHooks'; '--is-upgrade' = 'IsUpgrade'
    }
    $parameters = @{}
    for ($i = 0; $i -lt $Words.Count; $i++) {
        $flag = $Words[$i]
        $value = $null
        if ($flag -match '^(--[^=]+)=(.*)$') { $flag = $Matches[1]; $value = $Matches[2] }
        if ($switches.ContainsKey($flag)) { $parameters[$switches[$flag]] = [switch]$true; continue }
        if (-not ($lists.ContainsKey($flag) -or $scalars.ContainsKey($flag))) { throw "helm flag '$flag' has no Expand-MeshChart parameter in this test" }
        if ($null -eq $value) {
            if (++$i -ge $Words.Count) { throw "helm flag '$flag' needs a value" }
            $value = $Words[$i]
        }
        if ($scalars.ContainsKey($flag)) { $parameters[$scalars[$flag]] = $value; continue }
        $name = $lists[$flag]
        if (-not $parameters.ContainsKey($name)) { $parameters[$name] = [Collections.Generic.List[string]]::new() }
        $parameters[$name].Add($value)
    }
    foreach ($key in @($parameters.Keys)) {
        if ($parameters[$key] -is [Collections.Generic.List[string]]) { $parameters[$key] = $parameters[$key].ToArray() }
    }
    $parameters
}

# kind/namespace/name of every document, in output order, read from the top-level kind and metadata block.
function Get-ObjectKeys([string] $Yaml) {
    foreach ($doc in $Yaml -split '(?m)^---[ \t]*$') {
        if ($doc -notmatch '(?m)^kind:[ \t]*(\S+)') { continue }
        $kind = $Matches[1]
        $meta = if ($doc -match '(?ms)^metadata:[ \t]*\r?\n((?:(?:[ \t].*|[ \t]*)(?:\r?\n|$))*)') { $Matches[1] } else { '' }
        $field = {
            param($name)
            if ($meta -match "(?m)^  ${name}:[ \t]*(.*?)[ \t]*$") { $Matches[1].Trim('"', "'") } else { '' }
        }
        '{0}/{1}/{2}' -f $kind, (& $field 'namespace'), (& $field 'name')
    }
}

# Renders one case as `helm template rel <chart> -n <namespace> <args>` from the corpus root; the warnings it
# wrote go to -Warnings when given.
function Invoke-Case($Case, [ref] $Warnings) {
    $parameters = ConvertTo-ExpandParameters (Split-ShellWords $Case['args'])
    $parameters.ChartPath = $Case['chart']
    $parameters.ReleaseName = 'rel'
    if (-not $parameters.ContainsKey('Namespace')) { $parameters.Namespace = $Case['namespace'] }
    Push-Location -LiteralPath $CorpusRoot
    try { Expand-MeshChart @parameters -ErrorAction Stop -WarningAction SilentlyContinue -WarningVariable caseWarnings }
    finally {
        Pop-Location
        if ($Warnings) { $Warnings.Value = @($caseWarnings | ForEach-Object { $_.Message }) }
    }
}

# The distinct messages of the log lines Helm wrote to stderr (level=INFO msg="..."), unquoted.
function Get-HelmLogMessages([string] $Stderr) {
    $messages = foreach ($line in $Stderr -split "`n") {
        if ($line -match '^level=\w+ msg="((?:[^"\\]|\\.)*)"') { $Matches[1] -replace '\\(.)', '$1' }
    }
    @($messages | Select-Object -Unique)
}

function Read-Expected([string] $Id, [string] $Extension) {
    [IO.File]::ReadAllText((Join-Path $CorpusRoot "expected/$Id.$Extension"), [Text.UTF8Encoding]::new($false))
}

# Helm's error text: stderr without the "Error: " and the final newline Helm prints around it, and without the
# --debug hint helm template appends to a render error. The message itself may end in a newline (schema errors do).
function Get-HelmMessage([string] $Stderr) {
    $message = $Stderr
    if ($message.EndsWith("`n")) { $message = $message.Substring(0, $message.Length - 1) }
    $hint = "`n`nUse --debug flag to render out invalid YAML"
    if ($message.EndsWith($hint)) { $message = $message.Substring(0, $message.Length - $hint.Length) }
    $start = $message.IndexOf('Error: ')
    if ($start -ge 0) { $message = $message.Substring($start + 'Error: '.Length) }
    $message
}
