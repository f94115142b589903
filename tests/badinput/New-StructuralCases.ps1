<#
.SYNOPSIS
Generates the structural extremes of the bad-input corpus (issue 13): depth, size, cycles, and every YAML,
template, -Set and kubeconfig form, as cases in the same shape as cases/*.psd1 (see BadInput.ps1).

.DESCRIPTION
Sizes are chosen around the engine's limits (EngineLimits: 16 MB input files, 512 levels of values/YAML/-Set
nesting, 1000 levels of template nesting, 64 M characters or 1 M items per template value): just over each limit,
and far over it (the forms of the issue that crashed pwsh). File contents are described, not built here, so a case
stays small until the child writes its files (BadInput.ps1, Write-BadInputFile).
#>

$chartYaml = "apiVersion: v2`nname: extreme`nversion: 0.1.0`n"

# A chart whose one template is $Template (parts as Write-BadInputFile takes them), plus optional values.yaml.
function Chart([object[]] $Template, $Values = "x: 1`n") {
    # Every template renders "x: ..." (a mapping helm template prints as is), so only the case's own input is wrong.
    @{ 'chart/Chart.yaml' = $chartYaml; 'chart/values.yaml' = $Values; 'chart/templates/t.yaml' = $Template }
}
function Case([string] $Cmdlet, [string] $Name, [hashtable] $Params, [string] $ErrorId, [string] $Category, [hashtable] $Files, [hashtable] $More = @{}) {
    $case = @{ Cmdlet = $Cmdlet; Name = $Name; Params = $Params; ErrorId = $ErrorId; Category = $Category }
    if ($Files) { $case.Files = $Files }
    foreach ($k in $More.Keys) { $case[$k] = $More[$k] }
    $case
}
function Repeat([string] $Text, [long] $Times) { @{ Repeat = $Text; Times = $Times } }

$iop = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n"

# ---------------------------------------------------------------- templates (Expand-MeshChart)
$chart = @{ ChartPath = '<tmp>/chart' }
foreach ($n in 1001, 10000, 100000) {
    Case Expand-MeshChart "template-nested-if-$n" $chart TemplateNestingTooDeep LimitsExceeded (Chart @('x: ', (Repeat '{{ if true }}' $n), '1', (Repeat '{{ end }}' $n)))
    Case Expand-MeshChart "template-nested-parens-$n" $chart TemplateNestingTooDeep LimitsExceeded (Chart @('x: {{ ', (Repeat '(' $n), '1', (Repeat ')' $n), ' }}'))
}
foreach ($n in 1001, 10000) {
    Case Expand-MeshChart "template-nested-range-$n" $chart TemplateNestingTooDeep LimitsExceeded (Chart @('x: ', (Repeat '{{ range $i := until 1 }}' $n), '1', (Repeat '{{ end }}' $n)))
    Case Expand-MeshChart "template-nested-with-$n" $chart TemplateNestingTooDeep LimitsExceeded (Chart @('x: ', (Repeat '{{ with . }}' $n), '1', (Repeat '{{ end }}' $n)))
    Case Expand-MeshChart "template-else-if-chain-$n" $chart TemplateNestingTooDeep LimitsExceeded (Chart @('x: {{ if false }}', (Repeat '{{ else if false }}' $n), '{{ else }}1{{ end }}'))
    Case Expand-MeshChart "template-nested-define-block-$n" $chart TemplateNestingTooDeep LimitsExceeded (Chart @('x: ', (Repeat '{{ if true }}{{ with . }}' ($n / 2)), '1', (Repeat '{{ end }}{{ end }}' ($n / 2))))
    Case Expand-MeshChart "template-nested-pipeline-parens-$n" $chart TemplateNestingTooDeep LimitsExceeded (Chart @('x: {{ ', (Repeat '(print ' $n), '1', (Repeat ')' $n), ' }}'))
}
# Cycles: a map that contains itself, then every function that walks a value and reports errors. (Helm's toYaml and
# toJson turn any error into "", and Helm's merge functions do not walk into values, so those succeed as in Helm.)
$cycle = '{{ $_ := set .Values "self" .Values }}'
foreach ($walk in @(
        @('deepcopy', '{{ $x := deepCopy .Values }}'),
        @('mustdeepcopy', '{{ $x := mustDeepCopy .Values }}'),
        @('musttoyaml', '{{ mustToYaml .Values }}'),
        @('musttojson', '{{ mustToJson .Values }}'),
        @('musttoprettyjson', '{{ mustToPrettyJson .Values }}'),
        @('musttorawjson', '{{ mustToRawJson .Values }}'),
        @('musttotoml', '{{ mustToToml .Values }}'),
        @('print', '{{ print .Values }}'),
        @('printf-v', '{{ printf "%v" .Values }}'))) {
    Case Expand-MeshChart "template-cycle-$($walk[0])" $chart ValueNestingTooDeep LimitsExceeded (Chart @('x: 1', $cycle, $walk[1]))
}
Case Expand-MeshChart 'template-cycle-list' $chart ValueNestingTooDeep LimitsExceeded (Chart @('x: {{ $l := list 1 }}{{ $d := dict "l" $l }}{{ $_ := set $d "d" $d }}{{ mustToJson $d }}'))
# Values built deeper than the cap by a loop (no cycle).
foreach ($n in 600, 100000) {
    Case Expand-MeshChart "template-deep-dict-tojson-$n" $chart ValueNestingTooDeep LimitsExceeded (Chart @("x: {{ `$d := dict }}{{ range until $n }}{{ `$d = dict `"a`" `$d }}{{ end }}{{ mustToJson `$d }}"))
    Case Expand-MeshChart "template-deep-list-tojson-$n" $chart ValueNestingTooDeep LimitsExceeded (Chart @("x: {{ `$l := list }}{{ range until $n }}{{ `$l = list `$l }}{{ end }}{{ mustToJson `$l }}"))
}
# Intermediate values that double until they are too large (the 64 MB output cap does not see them).
Case Expand-MeshChart 'template-concat-doubling' $chart TemplateValueTooLarge LimitsExceeded (Chart @('x: {{ $l := list 1 }}{{ range until 40 }}{{ $l = concat $l $l }}{{ end }}{{ len $l }}'))
Case Expand-MeshChart 'template-print-doubling' $chart TemplateValueTooLarge LimitsExceeded (Chart @('x: {{ $s := "ab" }}{{ range until 40 }}{{ $s = print $s $s }}{{ end }}{{ len $s }}'))
Case Expand-MeshChart 'template-printf-doubling' $chart TemplateValueTooLarge LimitsExceeded (Chart @('x: {{ $s := "ab" }}{{ range until 40 }}{{ $s = printf "%s%s" $s $s }}{{ end }}{{ len $s }}'))
Case Expand-MeshChart 'template-cat-doubling' $chart TemplateValueTooLarge LimitsExceeded (Chart @('x: {{ $s := "ab" }}{{ range until 40 }}{{ $s = cat $s $s }}{{ end }}{{ len $s }}'))
Case Expand-MeshChart 'template-join-doubling' $chart TemplateValueTooLarge LimitsExceeded (Chart @('x: {{ $s := "ab" }}{{ range until 40 }}{{ $s = join "" (list $s $s) }}{{ end }}{{ len $s }}'))
Case Expand-MeshChart 'template-append-doubling' $chart TemplateValueTooLarge LimitsExceeded (Chart @('x: {{ $l := list 1 2 }}{{ range until 40 }}{{ $l = concat $l (concat $l) }}{{ end }}{{ len $l }}'))
Case Expand-MeshChart 'template-repeat-huge' $chart TemplateValueTooLarge LimitsExceeded (Chart @('x: {{ len (repeat 20000000 "abcdef") }}'))
Case Expand-MeshChart 'template-until-huge' $chart TemplateValueTooLarge LimitsExceeded (Chart @('x: {{ len (until 100000000) }}'))
Case Expand-MeshChart 'template-untilstep-huge' $chart TemplateValueTooLarge LimitsExceeded (Chart @('x: {{ len (untilStep 0 100000000 1) }}'))
Case Expand-MeshChart 'template-replace-doubling' $chart TemplateValueTooLarge LimitsExceeded (Chart @('x: {{ $s := "aa" }}{{ range until 40 }}{{ $s = replace "a" "aa" $s }}{{ end }}{{ len $s }}'))
Case Expand-MeshChart 'template-indent-huge' $chart TemplateValueTooLarge LimitsExceeded (Chart @('x: {{ $s := "a" }}{{ range until 30 }}{{ $s = indent 100 (print $s "\n" $s) }}{{ end }}{{ len $s }}'))

# ---------------------------------------------------------------- YAML: depth, size, duplicate keys
function DeepFlowMap([long] $n) { @('a: ', (Repeat '{a: ' $n), '1', (Repeat '}' $n), "`n") }
function DeepFlowList([long] $n) { @('a: ', (Repeat '[' $n), '1', (Repeat ']' $n), "`n") }
function DeepBlockMap([int] $n) { (@(for ($i = 0; $i -lt $n; $i++) { ('  ' * $i) + "a$($i):`n" }) -join '') + ('  ' * $n) + "b: 1`n" }
# Duplicate key "k" at depth $d (1 = top level) of a values tree.
function DuplicateAt([int] $d, [string] $indent = '') {
    $lines = for ($i = 1; $i -lt $d; $i++) { $indent + ('  ' * ($i - 1)) + "l$($i):" }
    $pad = $indent + ('  ' * ($d - 1))
    (@($lines) + @("${pad}k: 1", "${pad}other: 2", "${pad}k: 2")) -join "`n"
}

foreach ($form in @(@('flowmap', 600), @('flowmap', 100000), @('flowlist', 600), @('flowlist', 100000), @('blockmap', 600))) {
    $kind, $n = $form
    $content = switch ($kind) { 'flowmap' { DeepFlowMap $n } 'flowlist' { DeepFlowList $n } 'blockmap' { DeepBlockMap $n } }
    Case Expand-MeshChart "values-file-deep-$kind-$n" @{ ChartPath = '<tmp>/chart'; ValuesPath = '<tmp>/v.yaml' } YamlNestingTooDeep LimitsExceeded ((Chart @("x: 1`n")) + @{ 'v.yaml' = $content })
    Case Expand-MeshChart "chart-values-deep-$kind-$n" $chart YamlNestingTooDeep LimitsExceeded (Chart @("x: 1`n") $content)
    $iopContent = @("apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  values:`n    global:`n      ") + @($content)
    Case Export-MeshManifest "iop-deep-$kind-$n" @{ Path = '<tmp>/iop.yaml' } YamlNestingTooDeep LimitsExceeded @{ 'iop.yaml' = $iopContent }
    Case Set-MeshConfig "meshconfig-yaml-deep-$kind-$n" @{ Revision = 'stable'; MeshConfig = '<file:mc.yaml>' } YamlNestingTooDeep LimitsExceeded @{ 'mc.yaml' = $content }
}
Case Install-MeshControlPlane 'iop-deep-flowmap-100000-whatif' @{ Path = '<tmp>/iop.yaml'; WhatIf = $true } YamlNestingTooDeep LimitsExceeded @{ 'iop.yaml' = @($iop + '  values: ') + @(DeepFlowMap 100000 | Select-Object -Skip 1) }

# The user's values files (-ValuesPath), as the issue lists them. (Helm 4.1.4 takes the last of duplicate keys; a chart's
# own values.yaml is the chart author's and is read as Helm reads it.)
foreach ($depth in 1, 2, 5) {
    Case Expand-MeshChart "values-file-duplicate-key-depth-$depth" @{ ChartPath = '<tmp>/chart'; ValuesPath = '<tmp>/v.yaml' } YamlDuplicateKey InvalidData ((Chart @("x: 1`n")) + @{ 'v.yaml' = (DuplicateAt $depth) + "`n" })
}
# In IstioOperator values and mesh config the duplicated keys are real fields, so that nothing but the duplicate is wrong.
$iopDuplicates = [ordered]@{
    '1' = "    pilot:`n      autoscaleEnabled: true`n    pilot:`n      autoscaleEnabled: false`n"
    '2' = "    global:`n      hub: a`n      tag: b`n      hub: c`n"
    '5' = "    global:`n      proxy:`n        resources:`n          requests:`n            cpu: 10m`n            memory: 1Gi`n            cpu: 20m`n"
}
foreach ($depth in $iopDuplicates.Keys) {
    Case Export-MeshManifest "iop-duplicate-key-values-depth-$depth" @{ Path = '<tmp>/iop.yaml' } YamlDuplicateKey InvalidData @{ 'iop.yaml' = $iop + "  values:`n" + $iopDuplicates[$depth] }
    Case Install-MeshControlPlane "iop-duplicate-key-values-depth-$depth" @{ Path = '<tmp>/iop.yaml'; Revision = 'dup' } YamlDuplicateKey InvalidData @{ 'iop.yaml' = $iop + "  values:`n" + $iopDuplicates[$depth] }
}
$meshDuplicates = [ordered]@{
    '1' = "accessLogFile: /dev/stdout`naccessLogFile: ''`n"
    '2' = "defaultConfig:`n  concurrency: 2`n  concurrency: 4`n"
    '4' = "defaultConfig:`n  tracing:`n    zipkin:`n      address: a:9411`n      address: b:9411`n"
}
foreach ($depth in $meshDuplicates.Keys) {
    Case Set-MeshConfig "meshconfig-yaml-duplicate-key-depth-$depth" @{ Revision = 'stable'; MeshConfig = '<file:mc.yaml>' } YamlDuplicateKey InvalidData @{ 'mc.yaml' = $meshDuplicates[$depth] }
    Case Export-MeshManifest "iop-duplicate-key-meshconfig-depth-$depth" @{ Path = '<tmp>/iop.yaml' } YamlDuplicateKey InvalidData @{ 'iop.yaml' = $iop + "  meshConfig:`n" + (($meshDuplicates[$depth] -split "`n" | Where-Object { $_ } | ForEach-Object { "    $_" }) -join "`n") + "`n" }
}
Case Export-MeshManifest 'iop-duplicate-profile' @{ Path = '<tmp>/iop.yaml' } YamlDuplicateKey InvalidData @{ 'iop.yaml' = $iop + "  profile: minimal`n  profile: demo`n" }
Case Install-MeshControlPlane 'iop-duplicate-profile' @{ Path = '<tmp>/iop.yaml'; Revision = 'dup' } YamlDuplicateKey InvalidData @{ 'iop.yaml' = $iop + "  profile: minimal`n  profile: demo`n" }
Case Export-MeshManifest 'iop-duplicate-spec' @{ Path = '<tmp>/iop.yaml' } YamlDuplicateKey InvalidData @{ 'iop.yaml' = $iop + "  profile: minimal`nspec:`n  profile: demo`n" }
Case Export-MeshManifest 'iop-duplicate-kind' @{ Path = '<tmp>/iop.yaml' } YamlDuplicateKey InvalidData @{ 'iop.yaml' = "kind: IstioOperator`n" + $iop }
Case Export-MeshManifest 'iop-duplicate-gateway-field' @{ Path = '<tmp>/iop.yaml' } YamlDuplicateKey InvalidData @{ 'iop.yaml' = $iop + "  components:`n    ingressGateways:`n    - name: a`n      enabled: true`n      enabled: false`n" }
Case Export-MeshManifest 'iop-duplicate-flow-key' @{ Path = '<tmp>/iop.yaml' } YamlDuplicateKey InvalidData @{ 'iop.yaml' = $iop + "  meshConfig: {accessLogFile: a, accessLogFile: b}`n" }
Case Export-MeshManifest 'iop-duplicate-in-second-file' @{ Path = @('<tmp>/a.yaml', '<tmp>/b.yaml') } YamlDuplicateKey InvalidData @{ 'a.yaml' = $iop + "  profile: minimal`n"; 'b.yaml' = $iop + "  hub: a`n  hub: b`n" }
Case Set-MeshConfig 'meshconfig-yaml-duplicate-in-iop' @{ Revision = 'stable'; MeshConfig = '<file:mc.yaml>' } YamlDuplicateKey InvalidData @{ 'mc.yaml' = $iop + "  meshConfig:`n    accessLogFile: a`n    accessLogFile: b`n" }
Case Set-MeshConfig 'meshconfig-yaml-duplicate-top' @{ Revision = 'stable'; MeshConfig = '<file:mc.yaml>' } YamlDuplicateKey InvalidData @{ 'mc.yaml' = "meshConfig:`n  accessLogFile: a`nmeshConfig:`n  accessLogFile: b`n" }

# Alias bombs ("billion laughs": 9 levels of 9 aliases each expand to 9^9 items) and an alias that contains itself.
# go-yaml refuses both ("document contains excessive aliasing", "anchor 'a' value contains itself"), as a YAML error.
$laughs = "a: &a [x, x, x, x, x, x, x, x, x]`n" + ((1..8 | ForEach-Object {
            $prev = [char](96 + $_); $this = [char](97 + $_)
            "${this}: &${this} [" + ((1..9 | ForEach-Object { "*$prev" }) -join ', ') + ']'
        }) -join "`n") + "`n"
$selfAlias = "a: &a [x, *a]`n"
foreach ($bomb in @(@('alias-bomb', $laughs), @('alias-self', $selfAlias))) {
    Case Expand-MeshChart "values-file-$($bomb[0])" @{ ChartPath = '<tmp>/chart'; ValuesPath = '<tmp>/v.yaml' } ValuesInvalid InvalidData ((Chart @("x: 1`n")) + @{ 'v.yaml' = $bomb[1] })
    Case Export-MeshManifest "iop-$($bomb[0])" @{ Path = '<tmp>/iop.yaml' } IstioOperatorYamlInvalid InvalidData @{ 'iop.yaml' = $iop + "  values:`n" + (($bomb[1] -split "`n" | Where-Object { $_ } | ForEach-Object { "    $_" }) -join "`n") + "`n" }
    Case Set-MeshConfig "meshconfig-yaml-$($bomb[0])" @{ Revision = 'stable'; MeshConfig = '<file:mc.yaml>' } YamlParseError SyntaxError @{ 'mc.yaml' = $bomb[1] }
}

# Input files over the size cap, and endless ones.
$sizes = @(@('17mb', 17MB), @('4gb', 4GB))
foreach ($s in $sizes) {
    Case Export-MeshManifest "iop-file-$($s[0])" @{ Path = '<tmp>/big.yaml' } InputFileTooLarge LimitsExceeded @{ 'big.yaml' = @{ SparseBytes = $s[1] } }
    Case Expand-MeshChart "values-file-$($s[0])" @{ ChartPath = '<tmp>/chart'; ValuesPath = '<tmp>/big.yaml' } InputFileTooLarge LimitsExceeded ((Chart @("x: 1`n")) + @{ 'big.yaml' = @{ SparseBytes = $s[1] } })
}
Case Export-MeshManifest 'iop-file-17mb-of-yaml' @{ Path = '<tmp>/big.yaml' } InputFileTooLarge LimitsExceeded @{ 'big.yaml' = @($iop, '  values:', "`n", (Repeat "    k: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'`n" 300000)) }
Case Export-MeshManifest 'iop-dev-zero' @{ Path = '/dev/zero' } InputFileTooLarge LimitsExceeded
Case Install-MeshControlPlane 'iop-dev-zero-whatif' @{ Path = '/dev/zero'; WhatIf = $true } InputFileTooLarge LimitsExceeded
Case Expand-MeshChart 'values-dev-zero' @{ ChartPath = '<tmp>/chart'; ValuesPath = '/dev/zero' } InputFileTooLarge LimitsExceeded (Chart @("x: 1`n"))
# A chart's own files have Helm's cap (5 MB for values.yaml), with its own id.
Case Expand-MeshChart 'chart-values-17mb' $chart ChartTooLarge LimitsExceeded (Chart @("x: 1`n") @{ SparseBytes = 17MB })

# ---------------------------------------------------------------- -Set paths
$deepSet = { param([string] $prefix, [int] $n, [string] $suffix = '=1') $prefix + ('.a' * $n) + $suffix }
foreach ($n in 513, 12000) {
    Case Export-MeshManifest "set-path-$n-segments" @{ Set = (& $deepSet 'values.x' $n) } SetPathTooDeep LimitsExceeded
    # Helm's --set parser refuses names nested deeper than 30 first, in its own words.
    Case Expand-MeshChart "set-path-$n-segments" @{ ChartPath = '<tmp>/chart'; Set = (& $deepSet 'x' $n) } SetSyntaxInvalid SyntaxError (Chart @("x: 1`n"))
    Case Expand-MeshChart "set-string-path-$n-segments" @{ ChartPath = '<tmp>/chart'; SetString = (& $deepSet 'x' $n) } SetSyntaxInvalid SyntaxError (Chart @("x: 1`n"))
    Case Set-MeshConfig "set-path-$n-segments" @{ Revision = 'stable'; Set = (& $deepSet 'defaultConfig' $n) } SetPathTooDeep LimitsExceeded
}
Case Install-MeshControlPlane 'set-path-20000-segments-whatif' @{ Set = (& $deepSet 'values.x' 20000); Revision = 'deep'; WhatIf = $true } SetPathTooDeep LimitsExceeded
Case Install-MeshControlPlane 'set-path-513-segments' @{ Set = (& $deepSet 'values.x' 513); Revision = 'deep' } SetPathTooDeep LimitsExceeded
Case Export-MeshManifest 'set-path-12000-list-indexes' @{ Set = 'values.x' + ('[0]' * 12000) + '=1' } SetPathTooDeep LimitsExceeded
# Helm's --set takes any number of list indexes (they are values, not names): the value is then nested too deeply.
Case Expand-MeshChart 'set-path-12000-list-indexes' @{ ChartPath = '<tmp>/chart'; Set = 'x' + ('[0]' * 12000) + '=1' } ValueNestingTooDeep LimitsExceeded (Chart @("x: 1`n"))
Case Export-MeshManifest 'set-path-12000-selectors' @{ Set = 'components' + ('.[name:a]' * 12000) + '.enabled=true' } SetPathTooDeep LimitsExceeded
Case Export-MeshManifest 'set-selector-no-match' @{ Set = 'components.ingressGateways.[name:nomatch].enabled=false' } SetSelectorNoMatch InvalidArgument
Case Install-MeshControlPlane 'set-selector-no-match-whatif' @{ Set = 'components.ingressGateways.[name:nomatch].enabled=false'; Revision = 'sel'; WhatIf = $true } SetSelectorNoMatch InvalidArgument
Case Export-MeshManifest 'set-selector-no-match-egress' @{ Set = 'components.egressGateways.[name:nomatch].k8s.replicaCount=2'; Profile = 'demo' } SetSelectorNoMatch InvalidArgument
Case Export-MeshManifest 'set-selector-no-match-after-file' @{ Path = '<tmp>/iop.yaml'; Set = 'components.ingressGateways.[name:other].enabled=true' } SetSelectorNoMatch InvalidArgument @{ 'iop.yaml' = $iop + "  components:`n    ingressGateways:`n    - name: mine`n      enabled: true`n" }
Case Expand-MeshChart 'set-index-huge' @{ ChartPath = '<tmp>/chart'; Set = 'x[100000000]=1' } SetSyntaxInvalid SyntaxError (Chart @("x: 1`n"))

# ---------------------------------------------------------------- kubeconfig forms, for every cluster cmdlet
$clusterCalls = [ordered]@{
    'Get-MeshRevision'           = @{}
    'Get-MeshNamespace'          = @{}
    'Get-MeshRevisionTag'        = @{}
    'Get-MeshConfig'             = @{ Revision = 'stable' }
    'Set-MeshConfig'             = @{ Revision = 'stable'; AccessLogFile = '/dev/stdout' }
    'Export-MeshInstallation'    = @{ Revision = 'stable' }
    'Enable-MeshInjection'       = @{ Namespace = 'test'; Revision = 'stable' }
    'Disable-MeshInjection'      = @{ Namespace = 'test' }
    'Set-MeshRevisionTag'        = @{ Tag = 'prod'; Revision = 'stable' }
    'Remove-MeshRevisionTag'     = @{ Tag = 'prod' }
    'Uninstall-MeshControlPlane' = @{ Revision = 'stable' }
    'Install-MeshControlPlane'   = @{ Profile = 'minimal'; Revision = 'other' }
}
function Kubeconfig([string] $Cluster, [string] $User) {
    "apiVersion: v1`nkind: Config`nclusters:`n- name: c`n  cluster:`n$Cluster`nusers:`n- name: u`n  user:`n$User`ncontexts:`n- name: c`n  context:`n    cluster: c`n    user: u`ncurrent-context: c`n"
}
$good = "    server: <server>`n    certificate-authority-data: <cadata>"
$token = '    token: <token>'
$forms = [ordered]@{
    'kubeconfig-missing'        = @{ Files = @{}; ErrorId = 'KubeconfigNotFound'; Category = 'ObjectNotFound' }
    'kubeconfig-directory'      = @{ Files = @{ 'kc.yaml' = @{ Directory = $true } }; ErrorId = 'PathIsDirectory'; Category = 'InvalidArgument' }
    'kubeconfig-not-yaml'       = @{ Files = @{ 'kc.yaml' = "clusters: [`n  - {{{`n" }; ErrorId = 'KubeconfigInvalid'; Category = 'InvalidData' }
    'kubeconfig-token-file-missing' = @{ Files = @{ 'kc.yaml' = (Kubeconfig $good '    tokenFile: <tmp>/no-such-token') }; ErrorId = 'KubeTokenFileNotFound'; Category = 'ObjectNotFound' }
    'kubeconfig-exec-fails'     = @{ Files = @{ 'kc.yaml' = (Kubeconfig $good "    exec:`n      apiVersion: client.authentication.k8s.io/v1beta1`n      command: sh`n      args: ['-c', 'echo plugin says no >&2; exit 3']`n      interactiveMode: Never") }; ErrorId = 'KubeExecPluginFailed'; Category = 'AuthenticationError' }
    'kubeconfig-bad-ca-data'    = @{ Files = @{ 'kc.yaml' = (Kubeconfig "    server: <server>`n    certificate-authority-data: <othercadata>" $token) }; ErrorId = 'KubeCertificateUntrusted'; Category = 'SecurityError' }
}
$slowForms = [ordered]@{
    'kubeconfig-dev-zero'       = @{ Path = '/dev/zero'; ErrorId = 'InputFileTooLarge'; Category = 'LimitsExceeded' }
    'kubeconfig-17mb'           = @{ Files = @{ 'kc.yaml' = @{ SparseBytes = 17MB } }; ErrorId = 'InputFileTooLarge'; Category = 'LimitsExceeded' }
    'kubeconfig-bad-ca-file'    = @{ Files = @{ 'ca.pem' = '<othercapem>'; 'kc.yaml' = (Kubeconfig "    server: <server>`n    certificate-authority: <tmp>/ca.pem" $token) }; ErrorId = 'KubeCertificateUntrusted'; Category = 'SecurityError' }
    'kubeconfig-exec-not-found' = @{ Files = @{ 'kc.yaml' = (Kubeconfig $good "    exec:`n      apiVersion: client.authentication.k8s.io/v1beta1`n      command: /no/such/plugin`n      interactiveMode: Never") }; ErrorId = 'KubeExecPluginFailed'; Category = 'AuthenticationError' }
    'kubeconfig-exec-bad-output' = @{ Files = @{ 'kc.yaml' = (Kubeconfig $good "    exec:`n      apiVersion: client.authentication.k8s.io/v1beta1`n      command: sh`n      args: ['-c', 'echo not json']`n      interactiveMode: Never") }; ErrorId = 'KubeExecPluginFailed'; Category = 'AuthenticationError' }
    'server-unreachable'        = @{ Files = @{ 'kc.yaml' = (Kubeconfig "    server: <closed>`n    insecure-skip-tls-verify: true" $token) }; ErrorId = 'KubeConnectionFailed'; Category = 'ConnectionError'; TimeoutSeconds = 40 }
    'server-never-answers'      = @{ Files = @{ 'kc.yaml' = (Kubeconfig "    server: <hang>`n    insecure-skip-tls-verify: true" $token) }; RequestTimeout = '00:00:01'; ErrorId = 'KubeRequestTimeout'; Category = 'OperationTimeout' }
}
$i = 0
foreach ($cmdlet in $clusterCalls.Keys) {
    $allForms = [ordered]@{}
    foreach ($k in $forms.Keys) { $allForms[$k] = $forms[$k] }
    # The slow forms (network round trips, a process per plugin, big files) for every third cmdlet in turn and
    # Get-MeshRevision: they exercise code all cluster cmdlets share (MeshClusterCmdlet, ClusterConnection).
    foreach ($k in $slowForms.Keys) { if (($i++ % 3) -eq 0 -or $cmdlet -eq 'Get-MeshRevision') { $allForms[$k] = $slowForms[$k] } }
    foreach ($name in $allForms.Keys) {
        $form = $allForms[$name]
        $params = $clusterCalls[$cmdlet].Clone()
        $params.Kubeconfig = if ($form.Path) { $form.Path } else { '<tmp>/kc.yaml' }
        if ($form.RequestTimeout) { $params.RequestTimeout = $form.RequestTimeout }
        $more = @{}
        if ($form.TimeoutSeconds) { $more.TimeoutSeconds = $form.TimeoutSeconds }
        Case $cmdlet $name $params $form.ErrorId $form.Category $form.Files $more
    }
    foreach ($t in '-00:00:01', '00:00:00') {
        Case $cmdlet "request-timeout-$t" ($clusterCalls[$cmdlet] + @{ RequestTimeout = $t }) ParameterArgumentValidationError InvalidData
    }
    Case $cmdlet 'context-unknown' ($clusterCalls[$cmdlet] + @{ Context = 'no-such-context' }) KubeContextNotFound ObjectNotFound
}
