# Issue 13 at the cmdlet level: bad cluster connections, parameters and paths fail with their own ErrorRecord id and
# category, before anything is written (the loopback server's request log shows no write), and the format file's
# script blocks run cleanly.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:IsUnix = -not $IsWindows
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestApiServer.ps1')
    Import-Module $MeshOpsModule -Force

    # The ErrorRecord a command ends with (terminating or, with -ErrorAction Stop, the first error).
    function Get-ErrorRecord([scriptblock] $Command) {
        try { $null = & $Command; $null } catch { $_ }
    }

    function Assert-Error($Record, [string] $Id, [string] $Category) {
        $Record | Should -Not -BeNullOrEmpty -Because "the command must fail with $Id"
        $Record.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        "$($Record.CategoryInfo.Category)" | Should -Be $Category
    }

    function Get-Writes($Server) {
        @((Get-TestApiRequests $Server).entries | Where-Object { $_.path -notlike '/__admin*' -and $_.verb -in 'create', 'update', 'patch', 'delete', 'deletecollection', 'apply' })
    }

    function Clear-TestApiRequests($Server) { $null = Invoke-TestApi $Server DELETE '/__admin/requests' }

    # A kubeconfig like the server's with each line matching $Pattern replaced (or removed when $Replacement is '').
    function New-Kubeconfig([string] $Name, [string] $Pattern, [string] $Replacement) {
        $lines = Get-Content $Server.Kubeconfig | ForEach-Object { if ($_ -match $Pattern) { if ($Replacement) { $Replacement } } else { $_ } }
        $path = Join-Path $TestDrive $Name
        Set-Content -Path $path -Value $lines
        $path
    }

    $script:Server = Start-TestApiServer
    $script:K = @{ Kubeconfig = $Server.Kubeconfig }
    $null = Invoke-TestApi $Server POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = 'istio-system' } }
    $null = Invoke-TestApi $Server POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = 'apps' } }
    $null = Invoke-TestApi $Server POST '/apis/apps/v1/namespaces/istio-system/deployments' @{
        apiVersion = 'apps/v1'; kind = 'Deployment'
        metadata   = @{ name = 'istiod-canary'; namespace = 'istio-system'; labels = @{ app = 'istiod'; 'istio.io/rev' = 'canary' } }
        spec       = @{
            replicas = 1; selector = @{ matchLabels = @{ app = 'istiod'; 'istio.io/rev' = 'canary' } }
            template = @{ metadata = @{ labels = @{ app = 'istiod'; 'istio.io/rev' = 'canary' } }; spec = @{ containers = @(@{ name = 'discovery'; image = 'docker.io/istio/pilot:1.18.5' }) } }
        }
    }

    # Accepts TCP connections (the kernel completes the handshake into the backlog) and never answers.
    $script:Silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $Silent.Start()
    $script:SilentKubeconfig = Join-Path $TestDrive 'silent.yaml'
    Set-Content -Path $SilentKubeconfig -Value @"
apiVersion: v1
kind: Config
current-context: silent
clusters:
- name: silent
  cluster:
    server: https://127.0.0.1:$($Silent.LocalEndpoint.Port)
    insecure-skip-tls-verify: true
users:
- name: silent
  user:
    token: silent-token
contexts:
- name: silent
  context:
    cluster: silent
    user: silent
"@
}

AfterAll {
    if ($Silent) { $Silent.Stop() }
    Stop-TestApiServer $Server
}

Describe 'Requests that get no answer' {
    It 'Get-MeshRevision against a server that accepts and never answers fails with KubeRequestTimeout after -RequestTimeout' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $record = Get-ErrorRecord { Get-MeshRevision -Kubeconfig $SilentKubeconfig -RequestTimeout 00:00:01 -ErrorAction Stop }
        Assert-Error $record 'KubeRequestTimeout' 'OperationTimeout'
        $record.Exception.Message | Should -Match '-RequestTimeout'
        $watch.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(30)) -Because 'one request timeout, not six of them'
    }

    It 'Ctrl+C (Stop) ends a hanging request at once, long before a 5-minute -RequestTimeout' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$MeshOpsModule'; Get-MeshRevision -Kubeconfig '$SilentKubeconfig' -RequestTimeout 00:05:00")
            $async = $ps.BeginInvoke()
            Start-Sleep -Milliseconds 1500
            $async.IsCompleted | Should -BeFalse -Because 'the request is still waiting for the silent server'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(15))
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'a server that keeps answering 503 fails with KubeDeadlineExceeded once retries pass four times -RequestTimeout' {
        Clear-TestApiRequests $Server
        Set-TestApiFaults $Server @{ reset = $true; serviceUnavailableRate = 1.0; retryAfterSeconds = 2 }
        try {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $record = Get-ErrorRecord { Get-MeshRevision @K -RequestTimeout 00:00:01 -ErrorAction Stop }
            Assert-Error $record 'KubeDeadlineExceeded' 'OperationTimeout'
            $record.Exception.Message | Should -Match '503'
            $watch.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(30))
        }
        finally {
            Set-TestApiFaults $Server @{ reset = $true }
        }
        Get-Writes $Server | Should -BeNullOrEmpty
    }

    It 'refuses a -RequestTimeout of <Value> by parameter validation, before any request' -ForEach @(
        @{ Value = '00:00:00' }, @{ Value = '-00:00:30' }, @{ Value = '2.00:00:00' }
    ) {
        Clear-TestApiRequests $Server
        $record = Get-ErrorRecord { Get-MeshRevision @K -RequestTimeout ([TimeSpan]::Parse($Value)) -ErrorAction Stop }
        Assert-Error $record 'ParameterArgumentValidationError' 'InvalidData'
        @((Get-TestApiRequests $Server).entries | Where-Object { $_.path -notlike '/__admin*' }).Count | Should -Be 0
    }
}

Describe 'Parameters validated before any request' {
    BeforeEach { Clear-TestApiRequests $Server }

    It 'Install-MeshControlPlane refuses a negative -Timeout before anything is applied' {
        $record = Get-ErrorRecord { Install-MeshControlPlane -Profile minimal -ManifestsPath $TestDrive -Timeout (New-TimeSpan -Seconds -60) @K -Confirm:$false -ErrorAction Stop }
        Assert-Error $record 'ParameterArgumentValidationError' 'InvalidData'
        @((Get-TestApiRequests $Server).entries | Where-Object { $_.path -notlike '/__admin*' }).Count | Should -Be 0
    }

    It 'Install-MeshControlPlane refuses a -Namespace that cannot be a namespace' {
        $record = Get-ErrorRecord { Install-MeshControlPlane -Profile minimal -ManifestsPath $TestDrive -Namespace 'Bad_NS' @K -Confirm:$false -ErrorAction Stop }
        Assert-Error $record 'ParameterArgumentValidationError' 'InvalidData'
        Get-Writes $Server | Should -BeNullOrEmpty
    }

    It 'Enable-MeshInjection -Force still refuses a revision name that cannot be one (RevisionInvalid), writing nothing' {
        $record = Get-ErrorRecord { Enable-MeshInjection apps -Revision 'BAD.REV' -Force @K -Confirm:$false -ErrorAction Stop }
        Assert-Error $record 'RevisionInvalid' 'InvalidArgument'
        Get-Writes $Server | Should -BeNullOrEmpty
        (Invoke-TestApi $Server GET '/api/v1/namespaces/apps').metadata.labels.'istio.io/rev' | Should -BeNullOrEmpty
    }

    It 'Enable-MeshInjection -Force still labels for a well-formed revision that does not exist yet' {
        Enable-MeshInjection apps -Revision 'next' -Force @K -Confirm:$false -WarningAction SilentlyContinue
        (Invoke-TestApi $Server GET '/api/v1/namespaces/apps').metadata.labels.'istio.io/rev' | Should -Be 'next'
    }

    It '<Command> refuses -Revision BAD.REV with RevisionInvalid before any request' -ForEach @(
        @{ Command = 'Set-MeshConfig'; Call = { Set-MeshConfig -Revision 'BAD.REV' -AccessLogFile '' @K -Confirm:$false -ErrorAction Stop } }
        @{ Command = 'Uninstall-MeshControlPlane'; Call = { Uninstall-MeshControlPlane -Revision 'BAD.REV' @K -Confirm:$false -ErrorAction Stop } }
        @{ Command = 'Export-MeshInstallation'; Call = { Export-MeshInstallation -Revision 'BAD.REV' @K -ErrorAction Stop } }
        @{ Command = 'Get-MeshConfig'; Call = { Get-MeshConfig -Revision 'BAD.REV' @K -ErrorAction Stop } }
    ) {
        Assert-Error (Get-ErrorRecord $Call) 'RevisionInvalid' 'InvalidArgument'
        @((Get-TestApiRequests $Server).entries | Where-Object { $_.path -notlike '/__admin*' }).Count | Should -Be 0
    }

    It 'refuses empty names where a name is needed' {
        Assert-Error (Get-ErrorRecord { Get-MeshRevision -Name '' @K -ErrorAction Stop }) 'ParameterArgumentValidationError' 'InvalidData'
        Assert-Error (Get-ErrorRecord { Get-MeshNamespace -Name '' @K -ErrorAction Stop }) 'ParameterArgumentValidationError' 'InvalidData'
    }
}

Describe 'Connection errors that say their cause' {
    BeforeEach { Clear-TestApiRequests $Server }

    It 'a CA that did not sign the server certificate is KubeCertificateUntrusted naming certificate-authority-data' {
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=some-other-ca', $rsa,
            [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($true, $false, 0, $true))
        $ca = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(1))
        $data = [Convert]::ToBase64String([Text.Encoding]::ASCII.GetBytes($ca.ExportCertificatePem()))
        $kubeconfig = New-Kubeconfig 'wrong-ca.yaml' 'certificate-authority-data:' "    certificate-authority-data: $data"
        $record = Get-ErrorRecord { Get-MeshRevision -Kubeconfig $kubeconfig -ErrorAction Stop }
        Assert-Error $record 'KubeCertificateUntrusted' 'SecurityError'
        $record.Exception.Message | Should -Match 'not trusted'
        $record.Exception.Message | Should -Match 'certificate-authority-data'
        $record.Exception.Message | Should -Not -Match 'Check the network'
    }

    It 'a missing tokenFile is KubeTokenFileNotFound naming the file' {
        $kubeconfig = New-Kubeconfig 'tokenfile.yaml' '^\s*token:' '    tokenFile: missing-token.txt'
        $record = Get-ErrorRecord { Get-MeshRevision -Kubeconfig $kubeconfig -ErrorAction Stop }
        Assert-Error $record 'KubeTokenFileNotFound' 'ObjectNotFound'
        $record.Exception.Message | Should -Match ([regex]::Escape((Join-Path $TestDrive 'missing-token.txt')))
        @((Get-TestApiRequests $Server).entries | Where-Object { $_.path -notlike '/__admin*' }).Count | Should -Be 0
    }

    It 'a tokenFile that exists authenticates' {
        Set-Content -Path (Join-Path $TestDrive 'token.txt') -Value $Server.Token
        $kubeconfig = New-Kubeconfig 'tokenfile-ok.yaml' '^\s*token:' '    tokenFile: token.txt'
        (Get-MeshRevision -Kubeconfig $kubeconfig).Name | Should -Contain 'canary'
    }

    It 'a folder as -Kubeconfig is PathIsDirectory' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'kube-folder') -Force
        Assert-Error (Get-ErrorRecord { Get-MeshRevision -Kubeconfig $folder.FullName -ErrorAction Stop }) 'PathIsDirectory' 'InvalidArgument'
        Assert-Error (Get-ErrorRecord { Get-MeshRevision -Kubeconfig $folder.FullName, $Server.Kubeconfig -ErrorAction Stop }) 'PathIsDirectory' 'InvalidArgument'
    }

    It 'a failing exec credential plugin is KubeExecPluginFailed with its exit code and stderr, no stack frames' -Skip:(-not $IsUnix) {
        $exec = "    exec:`n      apiVersion: client.authentication.k8s.io/v1`n      command: /bin/sh`n      args: ['-c', 'echo token expired, run sso login >&2; exit 7']"
        $kubeconfig = New-Kubeconfig 'exec.yaml' '^\s*token:' $exec
        $record = Get-ErrorRecord { Get-MeshRevision -Kubeconfig $kubeconfig -ErrorAction Stop }
        Assert-Error $record 'KubeExecPluginFailed' 'AuthenticationError'
        $record.Exception.Message | Should -Match 'exited with code 7'
        $record.Exception.Message | Should -Match 'token expired, run sso login'
        $record.Exception.Message | Should -Not -Match '\s+at \S+\('
    }
}

Describe 'File and folder parameters' {
    BeforeAll {
        $script:AFile = Join-Path $TestDrive 'a-file.txt'
        Set-Content -Path $AFile -Value 'x'
        $script:AFolder = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'a-folder') -Force).FullName
    }
    BeforeEach { Clear-TestApiRequests $Server }

    It 'Export-MeshManifest -OutputDirectory at an existing file is OutputPathInvalid' {
        Assert-Error (Get-ErrorRecord { Export-MeshManifest -OutputDirectory $AFile -ManifestsPath $TestDrive -ErrorAction Stop }) 'OutputPathInvalid' 'InvalidArgument'
    }

    It 'Export-MeshManifest -OutputDirectory under a file (a path that cannot exist) is OutputPathInvalid' {
        Assert-Error (Get-ErrorRecord { Export-MeshManifest -OutputDirectory (Join-Path $AFile 'out') -ManifestsPath $TestDrive -ErrorAction Stop }) 'OutputPathInvalid' 'InvalidArgument'
    }

    It 'Export-MeshManifest -Path and Install-MeshControlPlane -Path refuse a folder with PathIsDirectory' {
        Assert-Error (Get-ErrorRecord { Export-MeshManifest -Path $AFolder -ManifestsPath $TestDrive -ErrorAction Stop }) 'PathIsDirectory' 'InvalidArgument'
        Assert-Error (Get-ErrorRecord { Install-MeshControlPlane -Path $AFolder -ManifestsPath $TestDrive @K -Confirm:$false -ErrorAction Stop }) 'PathIsDirectory' 'InvalidArgument'
        @((Get-TestApiRequests $Server).entries | Where-Object { $_.path -notlike '/__admin*' }).Count | Should -Be 0
    }

    It 'Export-MeshInstallation -Path in a missing folder is OutputPathInvalid, at a folder PathIsDirectory, before any request' {
        Assert-Error (Get-ErrorRecord { Export-MeshInstallation canary -Path (Join-Path $TestDrive 'no/such/folder/iop.yaml') @K -ErrorAction Stop }) 'OutputPathInvalid' 'InvalidArgument'
        Assert-Error (Get-ErrorRecord { Export-MeshInstallation canary -Path $AFolder @K -ErrorAction Stop }) 'PathIsDirectory' 'InvalidArgument'
        @((Get-TestApiRequests $Server).entries | Where-Object { $_.path -notlike '/__admin*' }).Count | Should -Be 0
    }

    It 'Expand-MeshChart -ValuesPath and Save-MeshRelease -Path refuse a folder with PathIsDirectory' {
        Assert-Error (Get-ErrorRecord { Expand-MeshChart -ChartPath $AFolder -ValuesPath $AFolder -ErrorAction Stop }) 'PathIsDirectory' 'InvalidArgument'
        Assert-Error (Get-ErrorRecord { Save-MeshRelease -Path $AFolder -WhatIf -ErrorAction Stop }) 'PathIsDirectory' 'InvalidArgument'
    }

    It 'Set-MeshConfig -MeshConfig with a path (string or Get-Item) says it takes YAML text, before any request' {
        Assert-Error (Get-ErrorRecord { Set-MeshConfig canary -MeshConfig $AFolder @K -Confirm:$false -ErrorAction Stop }) 'InvalidMeshConfigYaml' 'InvalidArgument'
        $record = Get-ErrorRecord { Set-MeshConfig canary -MeshConfig (Get-Item $AFile) @K -Confirm:$false -ErrorAction Stop }
        Assert-Error $record 'InvalidMeshConfigYaml' 'InvalidArgument'
        $record.Exception.Message | Should -Match 'Get-Content'
        @((Get-TestApiRequests $Server).entries | Where-Object { $_.path -notlike '/__admin*' }).Count | Should -Be 0
    }

    It 'Export-MeshManifest -OutputDirectory -WhatIf writes nothing' -Skip:(-not $HasShared) {
        $out = Join-Path $TestDrive 'whatif-out'
        $files = Export-MeshManifest -Profile minimal -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -OutputDirectory $out -WhatIf
        $files | Should -BeNullOrEmpty
        Test-Path $out | Should -BeFalse
        $written = Export-MeshManifest -Profile minimal -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -OutputDirectory $out -Confirm:$false
        @($written).Count | Should -BeGreaterThan 0
        $written | ForEach-Object { Test-Path $_.FullName | Should -BeTrue }
    }
}

Describe 'The format file' {
    It 'shows Get-MeshRevision''s Ready column as ready/desired and adds nothing to $Error' {
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        while ((Get-MeshRevision canary @K).ReadyReplicas -ne 1) {
            if ([DateTime]::UtcNow -gt $deadline) { throw 'istiod-canary did not become ready' }
            Start-Sleep -Milliseconds 100
        }
        $revision = Get-MeshRevision canary @K
        $Error.Clear()
        $table = $revision | Format-Table | Out-String -Width 200
        $Error.Count | Should -Be 0 -Because "rendering must not fail: $($Error | Out-String)"
        $header = ($table -split "`n") | Where-Object { $_ -match '^Name\s' } | Select-Object -First 1
        $row = ($table -split "`n") | Where-Object { $_ -match '^canary\s' } | Select-Object -First 1
        $row | Should -Not -BeNullOrEmpty
        $at = $header.IndexOf('Ready')
        $row.Substring($at, 7).Trim() | Should -Be '1/1'
    }

    It 'has script blocks that call only commands that exist and read only properties their type has' {
        $file = Join-Path (Split-Path $MeshOpsModule) 'MeshOps.Format.ps1xml'
        $views = ([xml](Get-Content $file -Raw)).Configuration.ViewDefinitions.View
        $assembly = [MeshOps.MeshRevision].Assembly
        foreach ($view in $views) {
            $typeName = $view.ViewSelectedBy.TypeName
            # Fleet views select '<type>#Fleet' (objects of a run over several clusters): the same type's members.
            $type = $assembly.GetType(($typeName -replace '#Fleet$', ''))
            $type | Should -Not -BeNullOrEmpty -Because "$typeName must be a MeshOps output type"
            foreach ($node in $view.SelectNodes('.//ScriptBlock')) {
                $errors = $null
                $ast = [System.Management.Automation.Language.Parser]::ParseInput($node.InnerText, [ref]$null, [ref]$errors)
                $errors | Should -BeNullOrEmpty -Because "'$($node.InnerText)' of $typeName must parse"
                foreach ($command in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)) {
                    Get-Command $command.GetCommandName() -ErrorAction SilentlyContinue | Should -Not -BeNullOrEmpty -Because "'$($node.InnerText)' of $typeName calls $($command.GetCommandName())"
                }
                $members = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.MemberExpressionAst] -and "$($n.Expression)" -eq '$_' }, $true)
                foreach ($member in $members) {
                    $type.GetProperty($member.Member.Value) | Should -Not -BeNullOrEmpty -Because "'$($node.InnerText)' reads $typeName.$($member.Member.Value)"
                }
            }
        }
    }
}
