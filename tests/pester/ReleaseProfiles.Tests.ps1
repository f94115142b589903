# Every Istio release in ../shared/istio: its default, minimal, demo and ambient profiles render, install into the
# loopback API server with that release's images, wait for their workloads (ambient: the istio-cni-node and ztunnel
# DaemonSets), and re-install with nothing to change. One server per release: each profile installs over the one
# before (what it no longer renders is pruned), and the last is uninstalled. The installs use a release-archive copy of each
# release (tests/pester/ReleaseArchive.ps1), which tells its own version and names docker.io/istio and the version.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Releases = @()
    if ($HasShared) {
        $script:Releases = @(Get-ChildItem (Join-Path $SharedRoot 'istio') -Directory | Where-Object Name -Match '^\d+\.\d+\.\d+$' |
                Sort-Object { [version]$_.Name } | ForEach-Object {
                    $profiles = Join-Path $_.FullName 'release/manifests/profiles'
                    @{ Version = $_.Name; Profiles = @('default', 'minimal', 'demo', 'ambient' | Where-Object { Test-Path (Join-Path $profiles "$_.yaml") }) }
                })
    }
    $script:Newest = $Releases | Where-Object { $_.Profiles -contains 'ambient' } | Select-Object -Last 1
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestApiServer.ps1')
    . (Join-Path $PSScriptRoot 'ReleaseArchive.ps1')
    Import-Module $MeshOpsModule -Force

    # Kind:Namespace:Name and apiVersion of every object of a rendered manifest.
    function Get-RenderedObjects([string] $Yaml) {
        foreach ($doc in $Yaml -split "(?m)^---\s*$") {
            if ($doc -notmatch '(?m)^kind: (\S+)') { continue }
            $kind = $Matches[1]
            $apiVersion = if ($doc -match '(?m)^apiVersion: (\S+)') { $Matches[1] } else { throw "no apiVersion: $doc" }
            $name = if ($doc -match '(?m)^metadata:\s*\n(?:  .*\n)*?  name: "?([^"\s]+)') { $Matches[1] } else { '' }
            $ns = if ($doc -match '(?m)^metadata:\s*\n(?:  .*\n)*?  namespace: "?([^"\s]+)') { $Matches[1] } else { '' }
            [pscustomobject]@{ ApiVersion = $apiVersion; Kind = $kind; Key = "${kind}:${ns}:${name}" }
        }
    }

    # The collection path of apiVersion/kind, from the server's discovery (as kubectl finds it).
    $script:CollectionPaths = @{}
    function Get-CollectionPath($Server, [string] $ApiVersion, [string] $Kind) {
        $key = "$($Server.Uri) $ApiVersion $Kind"
        if (-not $CollectionPaths.ContainsKey($key)) {
            $base = if ($ApiVersion -eq 'v1') { '/api/v1' } else { "/apis/$ApiVersion" }
            $resource = (Invoke-TestApi $Server GET $base).resources | Where-Object { $_.kind -eq $Kind -and $_.name -notmatch '/' } | Select-Object -First 1
            if (-not $resource) { throw "The server does not serve $ApiVersion $Kind" }
            $CollectionPaths[$key] = "$base/$($resource.name)"
        }
        $CollectionPaths[$key]
    }

    # Every object MeshOps labelled, of the given kinds, as Kind:Namespace:Name => resourceVersion.
    function Get-OwnedVersions($Server, $Kinds) {
        $versions = @{}
        foreach ($k in $Kinds) {
            foreach ($item in Get-TestApiObjects $Server "$(Get-CollectionPath $Server $k.ApiVersion $k.Kind)?labelSelector=meshops.io%2Fcomponent") {
                $versions["$($k.Kind):$($item.metadata.namespace):$($item.metadata.name)"] = $item.metadata.resourceVersion
            }
        }
        $versions
    }

    # MeshOps' Deployments and DaemonSets, with their kind (list items carry none, as on a real API server).
    function Get-Workloads($Server) {
        foreach ($kind in 'Deployment', 'DaemonSet') {
            foreach ($item in Get-TestApiObjects $Server "/apis/apps/v1/$($kind.ToLowerInvariant())s?labelSelector=meshops.io%2Fcomponent") {
                $item | Add-Member -NotePropertyName kind -NotePropertyValue $kind -Force -PassThru
            }
        }
    }
}

Describe 'Istio <Version>''s profiles on the loopback API server' -Skip:(-not $HasShared) -ForEach $Releases {
    BeforeAll {
        $script:Manifests = New-ReleaseArchiveManifests $Version
        $script:Server = Start-TestApiServer
        $script:Cluster = @{ Kubeconfig = $Server.Kubeconfig }
        $script:AllKinds = @()
    }
    AfterAll { Stop-TestApiServer $Server }

    It 'renders from the source-tree copy with its development images, and a warning that says so' {
        # One profile: the images and the warning come from the copy, whatever the profile (the installs below render them all).
        $yaml = Export-MeshManifest -Profile default -ManifestsPath (Join-Path $SharedRoot "istio/$Version/release/manifests") -Version $Version -WarningVariable warnings 3>$null
        ($warnings | Out-String) | Should -Match 'development'
        # Workloads only: the injector's templates in a ConfigMap name other images (busybox in grpc-simple).
        $workloads = $yaml -split "(?m)^---\s*$" | Where-Object { $_ -match '(?m)^kind: (Deployment|DaemonSet)$' }
        $images = [regex]::Matches(($workloads -join "`n"), '(?m)^\s+image: "?([^"\s]+)"?$') | ForEach-Object { $_.Groups[1].Value }
        $images | Should -Not -BeNullOrEmpty
        foreach ($image in $images) { $image | Should -Match '^(gcr\.io/istio-testing|registry\.istio\.io/testing)/[a-z0-9-]+:latest$' }
    }

    It 'lists the release''s profiles from its release archive, which names the release''s hub and tag' {
        $names = @(Get-ChildItem (Join-Path $Manifests 'profiles') -Filter *.yaml | ForEach-Object BaseName | Sort-Object)
        (Get-MeshProfile -ManifestsPath $Manifests).Name | Sort-Object | Should -Be $names
        foreach ($name in $Profiles) {
            $dump = Get-MeshProfile -Name $name -ManifestsPath $Manifests -WarningVariable warnings
            $warnings | Should -BeNullOrEmpty -Because 'a release archive names its own images'
            $dump.IstioOperator.spec.hub | Should -Be 'docker.io/istio'
            $dump.IstioOperator.spec.tag | Should -Be $Version
            # 1.22+ profiles name themselves in values.profile (the charts' files/profile-<name>.yaml apply it).
            $own = Get-Content -Raw (Join-Path $Manifests "profiles/$name.yaml")
            if ($own -match '(?m)^    profile: (\S+)') { $dump.IstioOperator.spec.values.profile | Should -Be $Matches[1] -Because "profile $name" }
        }
        if ($Profiles -notcontains 'ambient') { return }
        $ambient = Get-MeshProfile -Name ambient -ManifestsPath $Manifests
        $ambient.EnabledComponents | Should -Contain 'Cni'
        $ambient.EnabledComponents | Should -Contain 'Ztunnel'
        # The source-tree copy with -Version: the same profile, with the copy's development hub and tag.
        $source = Get-MeshProfile -Name ambient -ManifestsPath (Join-Path $SharedRoot "istio/$Version/release/manifests") -Version $Version 3>$null
        $source.EnabledComponents | Should -Be $ambient.EnabledComponents
        $source.IstioOperator.spec.values.profile | Should -Be $ambient.IstioOperator.spec.values.profile
        $source.IstioOperator.spec.tag | Should -Be 'latest'
    }

    It 'installs the <_> profile with the release''s images, and re-installs it with nothing to change' -ForEach $Profiles {
        $profileName = $_
        $rendered = @(Get-RenderedObjects (Export-MeshManifest -Profile $profileName -ManifestsPath $Manifests -WarningVariable renderWarnings))
        ($renderWarnings | Out-String) | Should -Not -Match 'development'
        $kinds = @($rendered | Sort-Object ApiVersion, Kind -Unique | Select-Object ApiVersion, Kind)

        # No -Version: the release archive tells its release.
        $revision = Install-MeshControlPlane -Profile $profileName -ManifestsPath $Manifests @Cluster -PassThru -Confirm:$false -WarningVariable installWarnings 6>$null
        $installWarnings | Should -BeNullOrEmpty
        $revision.IstioVersion | Should -Be $Version
        $revision.Profile | Should -Be $profileName
        $revision.Ready | Should -BeTrue

        # Exactly the rendered objects carry MeshOps' labels (the previous profile's others are pruned).
        $script:AllKinds = @($AllKinds) + $kinds | Sort-Object ApiVersion, Kind -Unique
        $owned = Get-OwnedVersions $Server $AllKinds
        Compare-Object @($rendered.Key | Sort-Object -Unique) @($owned.Keys | Sort-Object -Unique) | Should -BeNullOrEmpty

        # The images of every workload are the release's, and the install returned only when all were ready.
        $variant = if ($profileName -eq 'ambient') { '(-distroless)?' } else { '' }
        $workloads = @(Get-Workloads $Server)
        $workloads.metadata.name | Sort-Object | Should -Be @($rendered | Where-Object Kind -In 'Deployment', 'DaemonSet' | ForEach-Object { $_.Key.Split(':')[2] } | Sort-Object)
        foreach ($w in $workloads) {
            $images = @($w.spec.template.spec.containers) + @($w.spec.template.spec.initContainers) | Where-Object { $_ } | ForEach-Object image
            foreach ($image in $images) { $image | Should -Match "^docker\.io/istio/[a-z0-9-]+:$([regex]::Escape($Version))$variant$" -Because "$($w.kind) $($w.metadata.name)" }
            if ($w.kind -eq 'DaemonSet') {
                $w.status.observedGeneration | Should -Be $w.metadata.generation
                $w.status.desiredNumberScheduled | Should -BeGreaterThan 0
                $w.status.numberReady | Should -Be $w.status.desiredNumberScheduled -Because "DaemonSet $($w.metadata.name) was waited for"
                $w.status.updatedNumberScheduled | Should -Be $w.status.desiredNumberScheduled
            }
            else { $w.status.availableReplicas | Should -Be $w.spec.replicas -Because "Deployment $($w.metadata.name) was waited for" }
        }
        if ($profileName -eq 'ambient') { $workloads | Where-Object kind -EQ DaemonSet | ForEach-Object { $_.metadata.name } | Sort-Object | Should -Be @('istio-cni-node', 'ztunnel') }
        # The sidecars istiod injects are the release's too.
        $injector = (Invoke-TestApi $Server GET '/api/v1/namespaces/istio-system/configmaps/istio-sidecar-injector').data.values | ConvertFrom-Json
        $injector.global.hub | Should -Be 'docker.io/istio'
        $injector.global.tag | Should -Be $Version

        # istioctl 1.18 to 1.20 save installed-state; later ones do not (MeshOps' install record stays for all).
        $statePath = '/apis/install.istio.io/v1alpha1/namespaces/istio-system/istiooperators/installed-state'
        $state = if ([version]$Version -lt [version]'1.21') { Invoke-TestApi $Server GET $statePath }
        if ($state) { $state.spec.profile | Should -Be $profileName }

        # Again with the same input: every object unchanged, no resourceVersion moves.
        $verbose = Install-MeshControlPlane -Profile $profileName -ManifestsPath $Manifests @Cluster -Confirm:$false -Verbose 4>&1 6>$null | ForEach-Object { "$_" }
        @($verbose -match 'Applied: 0 created, 0 updated, \d+ unchanged, 0 pruned').Count | Should -Be 1
        $verbose -match ': (Create|Update|Prune)$' | Should -BeNullOrEmpty
        $again = Get-OwnedVersions $Server $AllKinds
        @($owned.Keys | Where-Object { $again[$_] -ne $owned[$_] }) | Should -BeNullOrEmpty
        $again.Count | Should -Be $owned.Count
        if ($state) { (Invoke-TestApi $Server GET $statePath).metadata.resourceVersion | Should -Be $state.metadata.resourceVersion }
    }

    It 'uninstalls the last profile with -Purge, leaving nothing MeshOps labelled' {
        Uninstall-MeshControlPlane -Revision default @Cluster -Force -Purge -Confirm:$false
        (Get-OwnedVersions $Server $AllKinds).Count | Should -Be 0
        Get-MeshRevision @Cluster | Should -BeNullOrEmpty
    }
}

Describe 'Install-MeshControlPlane -Profile ambient waits for its DaemonSets' -Skip:(-not $Newest) -ForEach @($Newest | Where-Object { $_ }) {
    It 'times out on a ztunnel that never gets ready (Istio <Version>), naming it and why' {
        # The source-tree copy with -Version, as the golden suites render it.
        $manifests = Join-Path $SharedRoot "istio/$Version/release/manifests"
        $server = Start-TestApiServer -Arguments @('--never-ready', 'ztunnel')
        try {
            $err = $null
            try { Install-MeshControlPlane -Profile ambient -ManifestsPath $manifests -Version $Version -Kubeconfig $server.Kubeconfig -Timeout '00:00:03' -Confirm:$false -ErrorAction Stop 3>$null 6>$null }
            catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'RolloutTimeout,*'
            $err.Exception.Message | Should -Match 'DaemonSet istio-system/ztunnel: 0 of 1 updated pods are available'
            $err.Exception.Message | Should -Match 'ImagePullBackOff'
            $err.Exception.Message | Should -Not -Match 'istio-cni-node'
            $ztunnel = Invoke-TestApi $server GET '/apis/apps/v1/namespaces/istio-system/daemonsets/ztunnel'
            $ztunnel.status.desiredNumberScheduled | Should -Be 1
            $ztunnel.status.numberReady | Should -Be 0
        }
        finally { Stop-TestApiServer $server }
    }
}
