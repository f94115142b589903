<#
.SYNOPSIS
One child of the bad-input corpus: runs the cases whose ids arrive on stdin, one at a time, and writes one
"@@RESULT <json>" line per case on stdout.

.DESCRIPTION
Started by Invoke-BadInputCorpus.ps1, which owns one loopback API server per slot (the first child of a slot
installs one revision there, so that the cluster cases meet a realistic cluster). It imports the module, prints
"@@READY" and then, per id read from stdin: makes the case's
files in a fresh temp folder, clears the server's request log, calls the cmdlet, and reports the ErrorRecord, the
requests that were not reads, and the files that appeared or changed. If the call takes the process down, the
parent sees EOF and counts the case as a crash; if it hangs, the parent kills this process.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $WorkRoot,
    [Parameter(Mandatory)] [string] $ServerKubeconfig,
    [Parameter(Mandatory)] [string] $SharedRoot,
    # The first child of a server fills it: namespaces and one installed revision.
    [switch] $Seed
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$InformationPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'

. (Join-Path $PSScriptRoot 'BadInput.ps1')
. (Join-Path $PSScriptRoot '../pester/TestApiServer.ps1')

$null = New-Item -ItemType Directory -Force -Path $WorkRoot
Remove-Item Env:KUBECONFIG -ErrorAction SilentlyContinue

Import-Module $ModulePath
$cases = @{}
foreach ($case in Get-BadInputCases) { $cases[$case.Id] = $case }

# The parent's loopback server for this slot (it outlives children that crash).
$kubeconfigText = Get-Content -Raw $ServerKubeconfig
$server = [pscustomobject]@{
    Kubeconfig = $ServerKubeconfig
    Uri        = [regex]::Match($kubeconfigText, 'server:\s*(\S+)').Groups[1].Value
    Token      = [regex]::Match($kubeconfigText, 'token:\s*(\S+)').Groups[1].Value.Trim('"', "'")
}
# A previous child may have died in the middle of a case with faults switched on.
$null = Invoke-TestApi $server DELETE '/__admin/faults'
$manifests = Join-Path $SharedRoot 'istio/1.18.5/release/manifests'

# A cluster with something in it: namespaces and one installed revision 'stable' (minimal profile, so also the
# 'default' tag).
# A failed seed fails the cases that need it (each says what it got), not the whole corpus.
if ($Seed) {
    try {
        foreach ($ns in 'test', 'prod') { $null = Invoke-TestApi $server POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = $ns } } }
        if (Test-Path $manifests) {
            $null = Install-MeshControlPlane -Profile minimal -Revision stable -ManifestsPath $manifests -Version 1.18.5 -Kubeconfig $server.Kubeconfig -Confirm:$false *>&1
        }
    }
    catch { [Console]::Error.WriteLine("bad-input child: seeding the loopback server failed: $_") }
}

# A TCP port that completes the handshake (the kernel's backlog) and never answers, and one nobody listens on.
$hang = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
$hang.Start(1024)
$closedListener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
$closedListener.Start()
$closedPort = $closedListener.LocalEndpoint.Port
$closedListener.Stop()

# A CA that did not sign the server's certificate.
$rsa = [Security.Cryptography.RSA]::Create(2048)
$request = [Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=not-the-server-ca', $rsa, 'SHA256', [Security.Cryptography.RSASignaturePadding]::Pkcs1)
$request.CertificateExtensions.Add([Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($true, $false, 0, $true))
$otherCa = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(30))
$otherCaPem = $otherCa.ExportCertificatePem()

$serverCaData = ((Get-Content $server.Kubeconfig) | Where-Object { $_ -match 'certificate-authority-data:\s*(\S+)' } | ForEach-Object { $Matches[1] } | Select-Object -First 1)
$values = @{
    manifests   = $manifests
    shared      = $SharedRoot
    kubeconfig  = $server.Kubeconfig
    server      = $server.Uri
    token       = $server.Token
    cadata      = $serverCaData
    othercadata = [Convert]::ToBase64String([Text.Encoding]::ASCII.GetBytes($otherCaPem))
    othercapem  = $otherCaPem
    hang        = "https://127.0.0.1:$($hang.LocalEndpoint.Port)"
    closed      = "https://127.0.0.1:$closedPort"
}

# Every file and folder under the case's folder, with size and write time, to see what a case wrote. In the release
# cache, folders and the per-version lock files are bookkeeping that a save leaves by design (CacheLock), not content.
function Get-Snapshot([string] $Folder, [string] $Cache) {
    $snap = @{}
    foreach ($item in Get-ChildItem -LiteralPath $Folder -Recurse -Force -ErrorAction SilentlyContinue) {
        $inCache = $item.FullName.StartsWith($Cache + [IO.Path]::DirectorySeparatorChar)
        if ($inCache -and ($item.PSIsContainer -or $item.Name -like '.*.lock')) { continue }
        $snap[$item.FullName] = if ($item.PSIsContainer) { 'dir' } else { "$($item.Length)/$($item.LastWriteTimeUtc.Ticks)" }
    }
    $snap
}

function Get-CaseParameters([hashtable] $Case, [hashtable] $Values) {
    $command = Get-Command $Case.Cmdlet
    $params = @{}
    $omit = @($Case.Omit)
    # What every call of this cmdlet needs, unless the case is about it.
    if ($command.Parameters.ContainsKey('Kubeconfig') -and $omit -notcontains 'Kubeconfig') { $params.Kubeconfig = $Values.kubeconfig }
    $givesRelease = $Case.Params -and ($Case.Params.ContainsKey('Version') -or $Case.Params.ContainsKey('ManifestsPath'))
    if ($command.Parameters.ContainsKey('ManifestsPath') -and $omit -notcontains 'ManifestsPath' -and -not $givesRelease) {
        # ../shared's copy comes from Istio's source tree: it cannot tell its release, so -Version says it.
        $params.ManifestsPath = $Values.manifests
        $params.Version = '1.18.5'
    }
    if ($command.Parameters.ContainsKey('Confirm') -and $omit -notcontains 'Confirm') { $params.Confirm = $false }
    if ($Case.Params) {
        foreach ($key in $Case.Params.Keys) {
            $value = $Case.Params[$key]
            # '<file:name>': the text of a file the case made (for parameters that take text, such as -MeshConfig).
            $params[$key] = if ($value -is [string] -and $value -match '^<file:(.+)>$') { [IO.File]::ReadAllText((Join-Path $Values.tmp $Matches[1])) }
            elseif ($value -is [string]) { Expand-BadInputText $value $Values }
            elseif ($value -is [array]) { , @($value | ForEach-Object { if ($_ -is [string]) { Expand-BadInputText $_ $Values } else { $_ } }) }
            else { $value }
        }
    }
    $params
}

function Invoke-Case([hashtable] $Case) {
    $tmp = Join-Path $WorkRoot ('case-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $tmp
    $caseValues = $values.Clone()
    $caseValues.tmp = $tmp
    # Each case has its own empty release cache, inside its folder: part of what it must not write.
    $cache = Join-Path $tmp '.meshops-cache'
    $null = New-Item -ItemType Directory -Path $cache
    $env:MESHOPS_CACHE = $cache
    $result = [ordered]@{ Id = $Case.Id; Outcome = $null; ErrorId = $null; Category = $null; ExceptionType = $null; Message = $null; Writes = @(); Files = @(); Ms = 0 }
    $savedEnv = @{}
    Push-Location $tmp
    try {
        try {
            if ($Case.Files) { foreach ($name in $Case.Files.Keys) { Write-BadInputFile (Join-Path $tmp $name) $Case.Files[$name] $caseValues } }
            $params = Get-CaseParameters $Case $caseValues
            if ($Case.Env) {
                foreach ($name in $Case.Env.Keys) {
                    $savedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
                    [Environment]::SetEnvironmentVariable($name, (Expand-BadInputText $Case.Env[$name] $caseValues))
                }
            }
            if ($Case.Faults) { Set-TestApiFaults $server $Case.Faults }
            $null = Invoke-TestApi $server DELETE '/__admin/requests'
        }
        catch {
            $result.Outcome = 'setup'; $result.Message = "$_"
            return $result
        }
        $before = Get-Snapshot $tmp $cache
        $watch = [Diagnostics.Stopwatch]::StartNew()
        try {
            $output = & $Case.Cmdlet @params -ErrorAction Stop *>&1 | Out-String -Width 200
            $result.Outcome = 'noerror'
            $result.Message = $output.Trim()
            if ($result.Message.Length -gt 600) { $result.Message = $result.Message.Substring(0, 600) + '...' }
        }
        catch {
            $record = $_
            $result.Outcome = 'error'
            $result.ErrorId = $record.FullyQualifiedErrorId
            $result.Category = $record.CategoryInfo.Category.ToString()
            $result.ExceptionType = $record.Exception.GetType().FullName
            $message = $record.Exception.Message
            if ($message.Length -gt 600) { $message = $message.Substring(0, 600) + '...' }
            $result.Message = $message
        }
        $result.Ms = $watch.ElapsedMilliseconds
        foreach ($name in $savedEnv.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnv[$name]) }
        $savedEnv = @{}
        if ($Case.Faults) { $null = Invoke-TestApi $server DELETE '/__admin/faults' }

        # Reads are GET (get, list, watch, discovery, /version); anything else changed or tried to change the cluster.
        # (The log's verb is the Kubernetes verb, or the HTTP method in lower case for non-resource paths.)
        $result.Writes = @((Get-TestApiRequests $server).entries | Where-Object { $_.verb -notin 'get', 'list', 'watch', 'head', 'options' -and $_.path -notlike '/__admin*' } |
                ForEach-Object { "$($_.verb) $($_.path)$(if ($_.query) { '?' + $_.query }) -> $($_.status)" })
        $after = Get-Snapshot $tmp $cache
        $result.Files = @(foreach ($path in $after.Keys) {
                if (-not $before.ContainsKey($path)) { "new: $path" }
                elseif ($before[$path] -ne $after[$path]) { "changed: $path" }
            })
        return $result
    }
    finally {
        foreach ($name in $savedEnv.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnv[$name]) }
        Pop-Location
        Remove-Item -LiteralPath $tmp -Recurse -Force -ErrorAction SilentlyContinue
    }
}

[Console]::Out.WriteLine('@@READY')
[Console]::Out.Flush()
while ($null -ne ($id = [Console]::In.ReadLine())) {
    if (-not $id) { continue }
    $result = if ($cases.ContainsKey($id)) { Invoke-Case $cases[$id] } else { [ordered]@{ Id = $id; Outcome = 'setup'; Message = "no case '$id' in this child" } }
    [Console]::Out.WriteLine('@@RESULT ' + ($result | ConvertTo-Json -Compress -Depth 5))
    [Console]::Out.Flush()
}
$hang.Stop()
