# Many clusters at once (issue 17): three loopback API servers in one kubeconfig (three files merged by -Kubeconfig),
# every cluster cmdlet fanned out over their contexts; Get-MeshCluster; exec credential plugins.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestApiServer.ps1')
    Import-Module $MeshOpsModule -Force
    $script:Names = 'fleet-east', 'fleet-west', 'fleet-north'
    $script:Servers = @{}
    foreach ($name in $Names) { $Servers[$name] = Start-TestApiServer -Arguments @('--context', $name) }
    $script:Fleet = @{ Kubeconfig = @($Names | ForEach-Object { $Servers[$_].Kubeconfig }) }
    $script:Render = @{ ManifestsPath = $ReleaseManifests; Version = $ReleaseVersion }

    # What a change would touch, per server: the objects an install or a mesh config change writes.
    function Get-ServerState($Server) {
        $paths = '/api/v1/namespaces', '/api/v1/configmaps', '/apis/apps/v1/deployments', '/api/v1/services',
            '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions'
        ($paths | ForEach-Object { Get-TestApiObjects $Server $_ | ForEach-Object { $_.metadata.resourceVersion + ' ' + $_.metadata.name } }) -join "`n"
    }
}

AfterAll {
    foreach ($server in $Servers.Values) { Stop-TestApiServer $server }
}

Describe 'A fleet of three clusters' -Skip:(-not $HasShared) {
    It 'Install-MeshControlPlane -Context fleet-* installs the same revision on every cluster, one result per cluster' {
        $installed = Install-MeshControlPlane @Fleet -Context 'fleet-*' -Profile minimal -Revision fleet @Render -PassThru -Confirm:$false 3>$null 6>$null
        $installed.Count | Should -Be 3
        ($installed.Cluster | Sort-Object) | Should -Be ($Names | Sort-Object)
        $installed.Name | Sort-Object -Unique | Should -Be 'fleet'
        foreach ($name in $Names) {
            Get-TestApiObjects $Servers[$name] '/apis/apps/v1/namespaces/istio-system/deployments' | Where-Object { $_.metadata.name -eq 'istiod-fleet' } | Should -Not -BeNullOrEmpty
        }
    }

    It 'Get-MeshRevision across all three sets Cluster on every result' {
        $revisions = Get-MeshRevision @Fleet -Context $Names
        $revisions.Count | Should -Be 3
        ($revisions.Cluster | Sort-Object) | Should -Be ($Names | Sort-Object)
        $revisions | ForEach-Object { $_.Name | Should -Be 'fleet' }
    }

    It 'tab completion reads the -Kubeconfig files merged: -Context from all three, -Name from the cluster -Context names' {
        $files = ($Fleet.Kubeconfig | ForEach-Object { "'$_'" }) -join ','
        $line = "Get-MeshRevision -Kubeconfig $files -Context fleet-"
        ((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Sort-Object) | Should -Be ($Names | Sort-Object)
        $line = "Get-MeshRevision -Kubeconfig $files -Context fleet-west -Name f"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'fleet'
    }

    It 'tab completion resolves a relative -Kubeconfig against PowerShell''s location, as the command does' {
        $folder = Split-Path $Fleet.Kubeconfig[0] -Parent
        $leaf = Split-Path $Fleet.Kubeconfig[0] -Leaf
        Push-Location $folder
        try {
            # The process's directory is elsewhere: only PowerShell's location finds the file.
            [IO.Directory]::GetCurrentDirectory() | Should -Not -Be $folder
            $line = "Get-MeshRevision -Kubeconfig ./$leaf -Context fleet-"
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'fleet-east'
            $line = "Get-MeshRevision -Kubeconfig ./$leaf -Name f"
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'fleet'
        }
        finally { Pop-Location }
    }

    It 'the table of a fleet run has a Cluster column; that of one cluster has none' {
        (Get-MeshRevision @Fleet -Context 'fleet-*' | Format-Table | Out-String) | Should -Match '(?m)^Cluster\s+Name'
        (Get-MeshRevision @Fleet -Context 'fleet-east' | Format-Table | Out-String) | Should -Not -Match 'Cluster'
        (Get-MeshRevision @Fleet -Context 'fleet-east').Cluster | Should -Be 'fleet-east'
    }

    It 'progress shows one line per cluster, each completed at the end' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Module, $Kubeconfig)
                    Import-Module $Module
                    $ProgressPreference = 'Continue'
                    Get-MeshRevision -Kubeconfig $Kubeconfig -Context 'fleet-*'
                }).AddArgument($MeshOpsModule).AddArgument($Fleet.Kubeconfig)
            $revisions = $ps.Invoke()
            $revisions.Count | Should -Be 3
            $lines = $ps.Streams.Progress | Group-Object ActivityId
            $lines.Count | Should -Be 3
            foreach ($line in $lines) {
                @($line.Group.Activity | Sort-Object -Unique).Count | Should -Be 1
                $line.Group[0].Activity | Should -Match '^Cluster fleet-(east|west|north)$'
                $line.Group[-1].RecordType | Should -Be 'Completed'
            }
            ($lines | ForEach-Object { $_.Group[0].Activity } | Sort-Object) | Should -Be ($Names | Sort-Object | ForEach-Object { "Cluster $_" })
        }
        finally { $ps.Dispose() }
    }

    It 'a context pattern that matches nothing is an error listing the contexts, before any request' {
        $Servers.Values | ForEach-Object { $null = Invoke-TestApi $_ DELETE '/__admin/requests' }
        $record = $null
        try { Get-MeshRevision @Fleet -Context 'fleet-*', 'prod-*' } catch { $record = $_ }
        $record.FullyQualifiedErrorId | Should -BeLike 'KubeContextNotFound,*'
        $record.Exception.Message | Should -Match "'prod-\*'"
        $record.Exception.Message | Should -Match 'fleet-east, fleet-west, fleet-north'
        $Servers.Values | ForEach-Object { @((Get-TestApiRequests $_).entries | Where-Object { $_.path -notlike '/__admin*' }).Count | Should -Be 0 }
    }

    It '-WhatIf on all three plans every cluster and writes nothing' {
        $before = $Names | ForEach-Object { Get-ServerState $Servers[$_] }
        # -WhatIf lines go to the host, not a stream: the plan is checked by the dry-run requests below.
        $plan = Install-MeshControlPlane @Fleet -Context 'fleet-*' -Profile minimal -Revision second @Render -WhatIf 3>$null 6>$null *>&1 | Out-String
        $plan += Set-MeshConfig @Fleet -Context 'fleet-*' -Revision fleet -AccessLogFile /dev/stdout -WhatIf *>&1 | Out-String
        $plan += Uninstall-MeshControlPlane @Fleet -Context 'fleet-*' -Revision fleet -WhatIf *>&1 | Out-String
        $after = $Names | ForEach-Object { Get-ServerState $Servers[$_] }
        $after | Should -Be $before
        foreach ($name in $Names) {
            # The dry runs did reach every cluster (server-side dry run of the install).
            @((Get-TestApiRequests $Servers[$name]).entries | Where-Object { $_.path -like '*dryRun=All*' -or $_.query -like '*dryRun=All*' }).Count | Should -BeGreaterThan 0
        }
    }

    It 'Export-MeshInstallation -Path over several clusters fails once, before any request, saying how to write one file each' {
        $Servers.Values | ForEach-Object { $null = Invoke-TestApi $_ DELETE '/__admin/requests' }
        $file = Join-Path $TestDrive 'fleet.yaml'
        # Every error: non-terminating ones (one per cluster, as it was) through 2>&1, a terminating one through catch.
        $records = @(try { Export-MeshInstallation @Fleet -Context 'fleet-*' -Revision fleet -Path $file -ErrorAction Continue 2>&1 } catch { $_ })
        $records.Count | Should -Be 1
        $records[0].FullyQualifiedErrorId | Should -BeLike 'ExportPathOneCluster,*'
        $records[0].Exception.Message | Should -Match '3 clusters \(fleet-east, fleet-west, fleet-north\)'
        $records[0].Exception.Message | Should -Match ([regex]::Escape('-Context $_.Context -Path'))
        Test-Path $file | Should -BeFalse
        $Servers.Values | ForEach-Object { @((Get-TestApiRequests $_).entries | Where-Object { $_.path -notlike '/__admin*' } | ForEach-Object { "$($_.verb) $($_.path)?$($_.query)" }) | Should -BeNullOrEmpty }
        # One cluster with -Path still writes its file.
        (Export-MeshInstallation @Fleet -Context fleet-north -Revision fleet -Path $file -Confirm:$false).FullName | Should -Be $file
        Get-Content $file -Raw | Should -Match 'revision: fleet'
    }

    It 'Export-MeshInstallation -Path with revisions piped from several clusters writes the first and refuses to replace it' {
        $file = Join-Path $TestDrive 'piped.yaml'
        $revisions = @(Get-MeshRevision @Fleet -Context 'fleet-*' -Name fleet)
        $revisions.Count | Should -Be 3
        $records = @(try { $revisions | Export-MeshInstallation @Fleet -Path $file -Confirm:$false -ErrorAction Continue 2>&1 } catch { $_ })
        @($records | Where-Object { $_ -is [IO.FileInfo] }).Count | Should -Be 1
        $errors = @($records | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ExportPathWritten,*'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape('-Path "$($_.Name).yaml"'))
        Get-Content $file -Raw | Should -Match 'revision: fleet'
    }

    It '-Confirm asks once per cluster, naming it, and changes exactly the clusters answered yes' {
        # A host whose PromptForChoice answers "No" when the prompt names fleet-west and "Yes" otherwise, and records every prompt.
        if (-not ('FleetConfirmHost' -as [type])) {
            Add-Type -TypeDefinition @'
using System; using System.Collections.Generic; using System.Collections.ObjectModel; using System.Globalization;
using System.Management.Automation; using System.Management.Automation.Host; using System.Security;
public sealed class FleetConfirmUI : PSHostUserInterface {
    public readonly List<string> Prompts = new List<string>();
    public string NoFor;
    public override PSHostRawUserInterface RawUI { get { return null; } }
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) {
        lock (Prompts) Prompts.Add(caption + ": " + message);
        string wanted = message.Contains(NoFor) ? "&No" : "&Yes";
        for (int i = 0; i < choices.Count; i++) if (choices[i].Label == wanted) return i;
        throw new InvalidOperationException("no choice " + wanted);
    }
    public override string ReadLine() { throw new NotSupportedException(); }
    public override SecureString ReadLineAsSecureString() { throw new NotSupportedException(); }
    public override void Write(string value) { }
    public override void Write(ConsoleColor f, ConsoleColor b, string value) { }
    public override void WriteLine(string value) { }
    public override void WriteErrorLine(string value) { }
    public override void WriteDebugLine(string message) { }
    public override void WriteProgress(long sourceId, ProgressRecord record) { }
    public override void WriteVerboseLine(string message) { }
    public override void WriteWarningLine(string message) { }
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> d) { throw new NotSupportedException(); }
    public override PSCredential PromptForCredential(string c, string m, string u, string t) { throw new NotSupportedException(); }
    public override PSCredential PromptForCredential(string c, string m, string u, string t, PSCredentialTypes a, PSCredentialUIOptions o) { throw new NotSupportedException(); }
}
public sealed class FleetConfirmHost : PSHost {
    private readonly Guid _id = Guid.NewGuid();
    public readonly FleetConfirmUI Answers = new FleetConfirmUI();
    public override string Name { get { return "FleetConfirmHost"; } }
    public override Version Version { get { return new Version(1, 0); } }
    public override Guid InstanceId { get { return _id; } }
    public override PSHostUserInterface UI { get { return Answers; } }
    public override CultureInfo CurrentCulture { get { return CultureInfo.InvariantCulture; } }
    public override CultureInfo CurrentUICulture { get { return CultureInfo.InvariantCulture; } }
    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() { throw new NotSupportedException(); }
    public override void ExitNestedPrompt() { throw new NotSupportedException(); }
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}
'@
        }
        $confirmHost = [FleetConfirmHost]::new()
        $confirmHost.Answers.NoFor = "cluster 'fleet-west'"
        $runspace = [runspacefactory]::CreateRunspace($confirmHost)
        $runspace.Open()
        $ps = [powershell]::Create()
        $ps.Runspace = $runspace
        try {
            $null = $ps.AddScript({
                    param($Module, $Kubeconfig)
                    Import-Module $Module
                    Set-MeshConfig -Kubeconfig $Kubeconfig -Context 'fleet-*' -Revision fleet -AccessLogEncoding JSON -Confirm 3>$null
                }).AddArgument($MeshOpsModule).AddArgument($Fleet.Kubeconfig)
            $changes = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $prompts = $confirmHost.Answers.Prompts
            $prompts.Count | Should -Be 3
            foreach ($name in $Names) { @($prompts | Where-Object { $_ -match "cluster '$name'" }).Count | Should -Be 1 }
            ($changes.Cluster | Sort-Object -Unique) | Should -Be 'fleet-east', 'fleet-north'
            foreach ($name in $Names) {
                $mesh = (Invoke-TestApi $Servers[$name] GET '/api/v1/namespaces/istio-system/configmaps/istio-fleet').data.mesh
                if ($name -eq 'fleet-west') { $mesh | Should -Not -Match 'accessLogEncoding: JSON' } else { $mesh | Should -Match 'accessLogEncoding: JSON' }
            }
        }
        finally { $ps.Dispose(); $runspace.Dispose() }
    }

    It 'Get-MeshCluster | Get-MeshRevision works: each cluster object binds by Context' {
        $clusters = Get-MeshCluster @Fleet
        $clusters.Count | Should -Be 3
        $clusters.Context | Should -Be $Names
        $clusters | ForEach-Object { $_.Reachable | Should -BeTrue; $_.Revisions | Should -Be 'fleet'; $_.KubernetesVersion | Should -Match '^v1\.' }
        ($clusters | Where-Object Current).Context | Should -Be 'fleet-east'
        $revisions = Get-MeshCluster @Fleet | Get-MeshRevision @Fleet
        ($revisions.Cluster | Sort-Object) | Should -Be ($Names | Sort-Object)
    }

    It 'piped objects are worked on in the cluster they came from (their Cluster binds -Cluster)' {
        $changes = Get-MeshRevision @Fleet -Context 'fleet-*' | Set-MeshConfig @Fleet -AccessLogFile /dev/stdout -Confirm:$false 3>$null
        ($changes.Cluster | Sort-Object) | Should -Be ($Names | Sort-Object)
        foreach ($name in $Names) {
            (Invoke-TestApi $Servers[$name] GET '/api/v1/namespaces/istio-system/configmaps/istio-fleet').data.mesh | Should -Match 'accessLogFile: /dev/stdout'
        }
        # Namespaces that exist in one cluster each: each is labelled where it is, none is looked for elsewhere.
        foreach ($name in 'fleet-east', 'fleet-north') {
            $null = Invoke-TestApi $Servers[$name] POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = "app-$name" } }
        }
        $labelled = Get-MeshNamespace @Fleet -Context 'fleet-*' -Name 'app-*' |
            Enable-MeshInjection @Fleet -Revision fleet -PassThru -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue 3>$null
        $failures | Should -BeNullOrEmpty
        ($labelled | ForEach-Object { "$($_.Cluster)/$($_.Name)" } | Sort-Object) | Should -Be 'fleet-east/app-fleet-east', 'fleet-north/app-fleet-north'
        foreach ($name in 'fleet-east', 'fleet-north') {
            (Invoke-TestApi $Servers[$name] GET "/api/v1/namespaces/app-$name").metadata.labels.'istio.io/rev' | Should -Be 'fleet'
        }
    }

    It 'Set-MeshConfig with one server stopped midway: that cluster fails, named; the other two succeed' {
        $west = $Servers['fleet-west']
        if ($IsWindows) { Stop-TestApiServer $west }
        else {
            # fleet-west answers slowly and is killed while Set-MeshConfig waits on it (the other two answer at once).
            Set-TestApiFaults $west @{ latencyMs = 1500 }
            $killer = [Diagnostics.ProcessStartInfo]::new('/bin/sh')
            foreach ($a in '-c', "sleep 0.8; kill -9 $($west.Process.Id)") { $killer.ArgumentList.Add($a) }
            $null = [Diagnostics.Process]::Start($killer)
        }
        $changes = Set-MeshConfig @Fleet -Context 'fleet-*' -Revision fleet -EnablePrometheusMerge $false -RequestTimeout 00:00:03 `
            -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue 3>$null
        ($changes.Cluster | Sort-Object -Unique) | Should -Be 'fleet-east', 'fleet-north'
        $failures.Count | Should -Be 1
        $failures[0].TargetObject | Should -Be 'fleet-west'
        $failures[0].Exception.Message | Should -Match "^Cluster 'fleet-west': "
        foreach ($name in 'fleet-east', 'fleet-north') {
            (Invoke-TestApi $Servers[$name] GET '/api/v1/namespaces/istio-system/configmaps/istio-fleet').data.mesh | Should -Match 'enablePrometheusMerge: false'
        }
        # Get-MeshCluster reports the stopped cluster instead of failing.
        $west.Process.WaitForExit(5000) | Should -BeTrue -Because 'the server was killed midway'
        $west = Get-MeshCluster @Fleet -Context fleet-west -RequestTimeout 00:00:01
        $west.Reachable | Should -BeFalse
        $west.ReasonId | Should -Match '^Kube'
        $west.Reason | Should -Not -BeNullOrEmpty
    }
}

Describe 'Kubeconfig credentials as kubectl reads them' {
    BeforeAll {
        $script:Token = 'exec-' + [guid]::NewGuid().ToString('N')
        $script:ExecServer = Start-TestApiServer -Arguments @('--context', 'exec-cluster', '--token', $Token)
        $script:Plugin = Join-Path $TestDrive 'get-token.sh'
        Set-Content -Path $Plugin -Value @(
            '#!/bin/sh'
            "printf '%s' '{""apiVersion"":""client.authentication.k8s.io/v1"",""kind"":""ExecCredential"",""status"":{""token"":""$Token""}}'"
        )
        $exec = "    exec:`n      apiVersion: client.authentication.k8s.io/v1`n      command: /bin/sh`n      args: ['$Plugin']"
        $script:ExecKubeconfig = Join-Path $TestDrive 'exec-kubeconfig.yaml'
        Set-Content -Path $ExecKubeconfig -Value (Get-Content $ExecServer.Kubeconfig | ForEach-Object { if ($_ -match '^\s*token:') { $exec } else { $_ } })
    }
    AfterAll { Stop-TestApiServer $ExecServer }

    It 'an exec plugin script authenticates against a server that requires its bearer token' -Skip:$IsWindows {
        (Get-Content $ExecKubeconfig -Raw) | Should -Not -Match ([regex]::Escape($Token))
        $null = Invoke-TestApi $ExecServer POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = 'istio-system' } }
        Get-MeshRevision -Kubeconfig $ExecKubeconfig | Should -BeNullOrEmpty
        $cluster = Get-MeshCluster -Kubeconfig $ExecKubeconfig
        $cluster.Reachable | Should -BeTrue
        $cluster.Context | Should -Be 'exec-cluster'
        # Without the plugin's token the server refuses: the credential is what authenticated.
        $wrong = Join-Path $TestDrive 'wrong-token.yaml'
        Set-Content -Path $wrong -Value (Get-Content $ExecServer.Kubeconfig | ForEach-Object { if ($_ -match '^(\s*)token:') { "$($Matches[1])token: not-the-token" } else { $_ } })
        (Get-MeshCluster -Kubeconfig $wrong -RequestTimeout 00:00:02).Reachable | Should -BeFalse
    }

    It 'the token never appears in any output stream, with -Verbose and -Debug' -Skip:$IsWindows {
        $all = & {
            Get-MeshRevision -Kubeconfig $ExecKubeconfig -Verbose -Debug
            Get-MeshCluster -Kubeconfig $ExecKubeconfig -Verbose -Debug | Format-List * | Out-String
            Get-MeshNamespace -Kubeconfig $ExecKubeconfig -Verbose -Debug | Format-List * | Out-String
            Get-MeshRevision -Kubeconfig $ExecKubeconfig, $Fleet.Kubeconfig[0] -Context 'exec-*', 'fleet-east' -Verbose -Debug -ErrorAction Continue
        } *>&1 | ForEach-Object { "$_" } | Out-String
        $all | Should -Match 'GET /api' # the verbose stream was captured
        $all | Should -Not -Match ([regex]::Escape($Token))
    }

    It 'a context whose exec plugin fails is reported by Get-MeshCluster, not skipped; the other contexts are listed' -Skip:$IsWindows {
        $failing = Join-Path $TestDrive 'failing-exec.yaml'
        $exec = "    exec:`n      apiVersion: client.authentication.k8s.io/v1`n      command: /bin/sh`n      args: ['-c', 'echo login expired >&2; exit 3']"
        Set-Content -Path $failing -Value ((Get-Content $ExecKubeconfig) -replace 'exec-cluster', 'broken' | ForEach-Object { $_ } |
            Where-Object { $_ -notmatch '^\s+(command|args|apiVersion): ' -or $_ -match '^apiVersion' } |
            ForEach-Object { if ($_ -match '^\s+exec:$') { $exec } else { $_ } })
        $clusters = Get-MeshCluster -Kubeconfig $ExecKubeconfig, $failing
        $clusters.Context | Should -Be 'exec-cluster', 'broken'
        ($clusters | Where-Object Context -eq 'exec-cluster').Reachable | Should -BeTrue
        $broken = $clusters | Where-Object Context -eq 'broken'
        $broken.Reachable | Should -BeFalse
        $broken.ReasonId | Should -Be 'KubeExecPluginFailed'
        $broken.Reason | Should -Match 'login expired'
        # The cluster cmdlets name it as a failing cluster and go on with the other.
        $revisions = Get-MeshRevision -Kubeconfig $ExecKubeconfig, $failing -Context * -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].TargetObject | Should -Be 'broken'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'KubeExecPluginFailed,*'
    }

    It 'a context whose client certificate cannot be read is reported by Get-MeshCluster, not skipped' {
        $certs = Join-Path $TestDrive 'missing-cert.yaml'
        Set-Content -Path $certs -Value ((Get-Content $ExecServer.Kubeconfig) -replace 'exec-cluster', 'cert-cluster' | ForEach-Object {
                if ($_ -match '^(\s*)token:') { "$($Matches[1])client-certificate: missing.crt"; "$($Matches[1])client-key: missing.key" } else { $_ } })
        $clusters = Get-MeshCluster -Kubeconfig $ExecServer.Kubeconfig, $certs
        $clusters.Context | Should -Be 'exec-cluster', 'cert-cluster'
        $broken = $clusters | Where-Object Context -eq 'cert-cluster'
        $broken.Reachable | Should -BeFalse
        $broken.ReasonId | Should -Be 'KubeconfigInvalid'
        $broken.Reason | Should -Match 'missing\.(crt|key)'
    }

    It 'insecure-skip-tls-verify connects with a warning' {
        $insecure = Join-Path $TestDrive 'insecure.yaml'
        Set-Content -Path $insecure -Value (Get-Content $ExecServer.Kubeconfig | ForEach-Object {
                if ($_ -match '^(\s*)certificate-authority-data:') { "$($Matches[1])insecure-skip-tls-verify: true" } else { $_ } })
        $null = Get-MeshRevision -Kubeconfig $insecure -WarningVariable warnings 3>$null
        $warnings | Should -Match 'insecure-skip-tls-verify'
    }
}
