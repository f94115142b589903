# Save-MeshRelease and Get-MeshRelease against a release mirror on 127.0.0.1 (an HttpListener in a background
# runspace) that serves archives built here from ../shared's Istio 1.18.5 manifests. Every test has its own cache.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $MeshOpsModule -Force
    $script:SavedCache = $env:MESHOPS_CACHE
    $script:ArchiveName = 'istio-1.18.5-linux-amd64.tar.gz'

    # Serves $Server.State.Files[<path>] = @{ Body = [byte[]]; Truncate = $bool }, counts requests in State.Hits, 404 otherwise.
    function Start-ReleaseServer {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $listener = [System.Net.HttpListener]::new()
        $listener.Prefixes.Add("http://127.0.0.1:$port/")
        $listener.Start()
        $state = [hashtable]::Synchronized(@{ Files = [hashtable]::Synchronized(@{}); Hits = [hashtable]::Synchronized(@{}) })
        $runner = [powershell]::Create()
        $null = $runner.AddScript({
                param($Listener, $State)
                while ($Listener.IsListening) {
                    try { $context = $Listener.GetContext() } catch { break }
                    try {
                        $path = $context.Request.Url.AbsolutePath
                        $State.Hits[$path] = 1 + [int]$State.Hits[$path]
                        $file = $State.Files[$path]
                        $response = $context.Response
                        if ($null -eq $file) { $response.StatusCode = 404; $response.Close(); continue }
                        $response.ContentLength64 = $file.Body.Length
                        if ($file.Truncate) {
                            $response.OutputStream.Write($file.Body, 0, [int]($file.Body.Length / 2))
                            $response.OutputStream.Flush()
                            $response.Abort()
                            continue
                        }
                        $response.OutputStream.Write($file.Body, 0, $file.Body.Length)
                        $response.Close()
                    }
                    catch { }
                }
            }).AddArgument($listener).AddArgument($state)
        $handle = $runner.BeginInvoke()
        [pscustomobject]@{ Port = $port; Listener = $listener; State = $state; Runner = $runner; Handle = $handle; Root = "http://127.0.0.1:$port" }
    }

    function Stop-ReleaseServer($Server) {
        $Server.Listener.Stop()
        $Server.Listener.Close()
        $null = $Server.Handle.AsyncWaitHandle.WaitOne(5000)
        $Server.Runner.Dispose()
    }

    # An Istio-shaped archive: the 1.18.5 manifests under istio-<Version>/manifests, plus a file that must not be extracted.
    # -Extra receives the TarWriter to add (hostile) entries.
    function New-ReleaseArchive([string] $Path, [string] $Version = '1.18.5', [scriptblock] $Extra) {
        $null = New-Item -ItemType Directory -Force (Split-Path $Path)
        $file = [System.IO.File]::Create($Path)
        try {
            $gzip = [System.IO.Compression.GZipStream]::new($file, [System.IO.Compression.CompressionLevel]::Fastest)
            $tar = [System.Formats.Tar.TarWriter]::new($gzip, [System.Formats.Tar.TarEntryFormat]::Pax, $false)
            try {
                $tar.WriteEntry((Join-Path $ReleaseManifests 'profiles/default.yaml'), "istio-$Version/bin/not-extracted.yaml")
                foreach ($source in Get-ChildItem $ReleaseManifests -Recurse -File | Sort-Object FullName) {
                    $relative = [System.IO.Path]::GetRelativePath($ReleaseManifests, $source.FullName).Replace('\', '/')
                    $tar.WriteEntry($source.FullName, "istio-$Version/manifests/$relative")
                }
                if ($Extra) { & $Extra $tar }
            }
            finally { $tar.Dispose() }
        }
        finally { $file.Dispose() }
        Get-Item $Path
    }

    function Get-Sha256([string] $Path) { (Get-FileHash $Path -Algorithm SHA256).Hash.ToLowerInvariant() }

    function Publish-Release($Server, [string] $Folder, [string] $Archive, [string] $Checksum, [switch] $Truncate) {
        if (-not $Checksum) { $Checksum = "$(Get-Sha256 $Archive)  $ArchiveName`n" }
        $Server.State.Files["/$Folder/$ArchiveName"] = @{ Body = [System.IO.File]::ReadAllBytes($Archive); Truncate = [bool]$Truncate }
        $Server.State.Files["/$Folder/$ArchiveName.sha256"] = @{ Body = [System.Text.Encoding]::UTF8.GetBytes($Checksum); Truncate = $false }
        "$($Server.Root)/$Folder/"
    }

    function Get-CacheLeftovers { @(Get-ChildItem -Force (Join-Path $env:MESHOPS_CACHE 'istio') -ErrorAction SilentlyContinue | Where-Object Name -NotLike '*.lock') }

    # Each test: a cache of its own, an empty mirror, no requests counted.
    function Reset-TestCache {
        $env:MESHOPS_CACHE = Join-Path $TestDrive ('cache-' + [guid]::NewGuid().ToString('N'))
        $Server.State.Files.Clear()
        $Server.State.Hits.Clear()
    }

    function Get-ErrorFrom([scriptblock] $Script) {
        try { & $Script; $null } catch { $_ }
    }

    $script:Server = Start-ReleaseServer
    if ($HasShared) {
        $script:GoodArchive = (New-ReleaseArchive (Join-Path $TestDrive 'archives/good/istio-1.18.5-linux-amd64.tar.gz')).FullName
        $script:SharedFileCount = @(Get-ChildItem $ReleaseManifests -Recurse -File).Count
    }
}

AfterAll {
    Stop-ReleaseServer $Server
    $env:MESHOPS_CACHE = $SavedCache
}

Describe 'Save-MeshRelease -Version' {
    BeforeEach { Reset-TestCache }

    It 'downloads, verifies and caches only the manifests' -Skip:(-not $HasShared) {
        $base = Publish-Release $Server 'ok/1.18.5' $GoodArchive
        $release = Save-MeshRelease -Version 1.18.5 -BaseUri $base
        $release.PSObject.TypeNames[0] | Should -Be 'MeshOps.MeshRelease'
        $release.Version | Should -Be '1.18.5'
        $release.Path | Should -Be (Join-Path $env:MESHOPS_CACHE 'istio/1.18.5/manifests')
        $release.Sha256 | Should -Be (Get-Sha256 $GoodArchive)
        $release.Source | Should -Be "$base$ArchiveName"
        $release.SavedAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(-5))
        @(Get-ChildItem $release.Path -Recurse -File).Count | Should -Be $SharedFileCount
        Get-Content (Join-Path $release.Path 'profiles/default.yaml') -Raw | Should -Be (Get-Content (Join-Path $ReleaseManifests 'profiles/default.yaml') -Raw)
        Test-Path (Join-Path $env:MESHOPS_CACHE 'istio/1.18.5/bin') | Should -BeFalse
        (Get-Content (Join-Path $env:MESHOPS_CACHE 'istio/1.18.5/release.json') -Raw | ConvertFrom-Json).sha256 | Should -Be $release.Sha256
        $Server.State.Hits["/ok/1.18.5/$ArchiveName"] | Should -Be 1
        $Server.State.Hits["/ok/1.18.5/$ArchiveName.sha256"] | Should -Be 1
        (Get-CacheLeftovers).Name | Should -Be '1.18.5'
    }

    It 'takes a mirror root laid out like GitHub (<root>/<version>/) and says in -Verbose which file it used' -Skip:(-not $HasShared) {
        $null = Publish-Release $Server 'mirror/1.18.5' $GoodArchive
        $output = Save-MeshRelease -Version 1.18.5 -BaseUri "$($Server.Root)/mirror" -Verbose 4>&1
        $release = $output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $verbose = ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
        $release.Source | Should -Be "$($Server.Root)/mirror/1.18.5/$ArchiveName"
        $verbose | Should -Contain "Downloading $($Server.Root)/mirror/1.18.5/$ArchiveName"
        $Server.State.Hits["/mirror/$ArchiveName.sha256"] | Should -BeNullOrEmpty
        (Get-CacheLeftovers).Name | Should -Be '1.18.5'
    }

    It 'falls back to the folder of one release when <BaseUri>/<version>/ answers 404, and says so' -Skip:(-not $HasShared) {
        $base = Publish-Release $Server 'single' $GoodArchive
        $output = Save-MeshRelease -Version 1.18.5 -BaseUri $base -Verbose 4>&1
        $release = $output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $verbose = "$(($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message)"
        $release.Source | Should -Be "$base$ArchiveName"
        $verbose | Should -BeLike "*$($base)1.18.5/$ArchiveName.sha256 is not there (HTTP 404)*"
        $verbose | Should -BeLike "*Using the release folder $base *"
        $Server.State.Hits["/single/1.18.5/$ArchiveName"] | Should -BeNullOrEmpty
    }

    It 'names both places it looked when neither has the release' {
        $err = Get-ErrorFrom { Save-MeshRelease -Version 1.18.5 -BaseUri "$($Server.Root)/empty/" }
        $err.FullyQualifiedErrorId | Should -BeLike 'IstioReleaseDownloadFailed,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception.Message | Should -BeLike "*$($Server.Root)/empty/1.18.5/$ArchiveName.sha256*nor at $($Server.Root)/empty/$ArchiveName.sha256*"
        Get-CacheLeftovers | Should -BeNullOrEmpty
    }

    It 'does not download a cached version again, unless -Force' -Skip:(-not $HasShared) {
        $base = Publish-Release $Server 'ok/1.18.5' $GoodArchive
        $first = Save-MeshRelease -Version 1.18.5 -BaseUri $base
        $verbose = Save-MeshRelease -Version 1.18.5 -BaseUri $base -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $again = Save-MeshRelease -Version 1.18.5 -BaseUri $base
        $again.SavedAt | Should -Be $first.SavedAt
        "$verbose" | Should -Match 'already cached'
        $Server.State.Hits["/ok/1.18.5/$ArchiveName"] | Should -Be 1

        $forced = Save-MeshRelease -Version 1.18.5 -BaseUri $base -Force
        $Server.State.Hits["/ok/1.18.5/$ArchiveName"] | Should -Be 2
        $forced.SavedAt | Should -BeGreaterOrEqual $first.SavedAt
        (Get-CacheLeftovers).Name | Should -Be '1.18.5'
    }

    It 'refuses an archive whose checksum does not match and leaves nothing behind' -Skip:(-not $HasShared) {
        $base = Publish-Release $Server 'bad/1.18.5' $GoodArchive -Checksum "$('0' * 64)  $ArchiveName"
        $err = Get-ErrorFrom { Save-MeshRelease -Version 1.18.5 -BaseUri $base }
        $err.FullyQualifiedErrorId | Should -BeLike 'IstioReleaseChecksumMismatch,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -Match (Get-Sha256 $GoodArchive)
        Get-CacheLeftovers | Should -BeNullOrEmpty
        Get-MeshRelease | Should -BeNullOrEmpty
    }

    It 'fails a truncated download and leaves nothing behind' -Skip:(-not $HasShared) {
        $base = Publish-Release $Server 'cut/1.18.5' $GoodArchive -Truncate
        $err = Get-ErrorFrom { Save-MeshRelease -Version 1.18.5 -BaseUri $base }
        $err.FullyQualifiedErrorId | Should -BeLike 'IstioReleaseDownloadFailed,*'
        Get-CacheLeftovers | Should -BeNullOrEmpty
    }

    It 'refuses an archive with an entry that climbs out of the cache' -Skip:(-not $HasShared) {
        $evil = New-ReleaseArchive (Join-Path $TestDrive 'archives/traversal/istio-1.18.5-linux-amd64.tar.gz') -Extra {
            param($tar) $tar.WriteEntry((Join-Path $ReleaseManifests 'profiles/empty.yaml'), 'istio-1.18.5/manifests/charts/../../../../escaped.yaml')
        }
        $base = Publish-Release $Server 'evil/1.18.5' $evil.FullName
        $err = Get-ErrorFrom { Save-MeshRelease -Version 1.18.5 -BaseUri $base }
        $err.FullyQualifiedErrorId | Should -BeLike 'IstioArchiveUnsafe,*'
        $err.TargetObject | Should -Be 'istio-1.18.5/manifests/charts/../../../../escaped.yaml'
        Get-CacheLeftovers | Should -BeNullOrEmpty
        Get-ChildItem $TestDrive -Recurse -Filter escaped.yaml | Should -BeNullOrEmpty
    }

    It 'says the machine seems offline when it cannot connect, and points to -Path' {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $closed = $probe.LocalEndpoint.Port; $probe.Stop()
        $err = Get-ErrorFrom { Save-MeshRelease -Version 1.18.5 -BaseUri "http://127.0.0.1:$closed/istio/" }
        $err.FullyQualifiedErrorId | Should -BeLike 'IstioReleaseDownloadFailed,*'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.Exception.Message | Should -Match 'offline'
        $err.Exception.Message | Should -Match 'Save-MeshRelease -Path'
    }

    It 'downloads nothing with -WhatIf' -Skip:(-not $HasShared) {
        $base = Publish-Release $Server 'ok/1.18.5' $GoodArchive
        Save-MeshRelease -Version 1.18.5 -BaseUri $base -WhatIf | Should -BeNullOrEmpty
        $Server.State.Hits.Count | Should -Be 0
        Get-CacheLeftovers | Should -BeNullOrEmpty
    }

    It 'rejects a version Istio does not tag' {
        $err = Get-ErrorFrom { Save-MeshRelease -Version v1.18 }
        $err.FullyQualifiedErrorId | Should -BeLike 'IstioVersionInvalid,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'rejects a -BaseUri that is not an http folder' {
        (Get-ErrorFrom { Save-MeshRelease -Version 1.18.5 -BaseUri 'ftp://mirror.example/istio/' }).FullyQualifiedErrorId | Should -BeLike 'ReleaseBaseUriInvalid,*'
    }

    It 'downloads again what Get-MeshRelease pipes to it with -Force' -Skip:(-not $HasShared) {
        $base = Publish-Release $Server 'ok/1.18.5' $GoodArchive
        $null = Save-MeshRelease -Version 1.18.5 -BaseUri $base
        $again = Get-MeshRelease | Save-MeshRelease -BaseUri $base -Force
        $again.Version | Should -Be '1.18.5'
        $Server.State.Hits["/ok/1.18.5/$ArchiveName"] | Should -Be 2
    }
}

Describe 'Save-MeshRelease -Path' {
    BeforeEach { Reset-TestCache }

    It 'imports an archive without network, taking the version from it' -Skip:(-not $HasShared) {
        $release = Save-MeshRelease -Path $GoodArchive
        $release.Version | Should -Be '1.18.5'
        $release.Source | Should -Be $GoodArchive
        $release.Sha256 | Should -Be (Get-Sha256 $GoodArchive)
        @(Get-ChildItem $release.Path -Recurse -File).Count | Should -Be $SharedFileCount
        $Server.State.Hits.Count | Should -Be 0
    }

    It 'resolves a relative -Path against the current location' -Skip:(-not $HasShared) {
        Push-Location (Split-Path $GoodArchive)
        try { (Save-MeshRelease -Path "./$ArchiveName").Source | Should -Be $GoodArchive }
        finally { Pop-Location }
    }

    It 'verifies a .sha256 file beside the archive' -Skip:(-not $HasShared) {
        $folder = Join-Path $TestDrive 'archives/with-sha'
        $archive = Join-Path $folder $ArchiveName
        $null = New-Item -ItemType Directory -Force $folder
        Copy-Item $GoodArchive $archive
        Set-Content "$archive.sha256" "$('f' * 64)  $ArchiveName"
        $err = Get-ErrorFrom { Save-MeshRelease -Path $archive }
        $err.FullyQualifiedErrorId | Should -BeLike 'IstioReleaseChecksumMismatch,*'
        Get-CacheLeftovers | Should -BeNullOrEmpty

        Set-Content "$archive.sha256" "$(Get-Sha256 $archive)  $ArchiveName"
        (Save-MeshRelease -Path $archive -Version 1.18.5).Version | Should -Be '1.18.5'
    }

    It 'refuses an archive with a link in the manifests' -Skip:(-not $HasShared) {
        $evil = New-ReleaseArchive (Join-Path $TestDrive 'archives/link/istio-1.18.5-linux-amd64.tar.gz') -Extra {
            param($tar)
            $link = [System.Formats.Tar.PaxTarEntry]::new([System.Formats.Tar.TarEntryType]::SymbolicLink, 'istio-1.18.5/manifests/profiles/passwd.yaml')
            $link.LinkName = '/etc/passwd'
            $tar.WriteEntry($link)
        }
        $err = Get-ErrorFrom { Save-MeshRelease -Path $evil.FullName }
        $err.FullyQualifiedErrorId | Should -BeLike 'IstioArchiveUnsafe,*'
        $err.Exception.Message | Should -Match 'link'
        Get-CacheLeftovers | Should -BeNullOrEmpty
    }

    It 'refuses a -Version that differs from the archive' -Skip:(-not $HasShared) {
        (Get-ErrorFrom { Save-MeshRelease -Path $GoodArchive -Version 1.30.3 }).FullyQualifiedErrorId | Should -BeLike 'IstioArchiveInvalid,*'
    }

    It 'reports a missing archive' {
        $err = Get-ErrorFrom { Save-MeshRelease -Path (Join-Path $TestDrive 'no-such.tar.gz') }
        $err.FullyQualifiedErrorId | Should -BeLike 'IstioArchiveNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Get-MeshRelease' {
    BeforeEach { Reset-TestCache }

    It 'lists nothing from an empty cache' {
        Get-MeshRelease | Should -BeNullOrEmpty
    }

    It 'lists cached releases in version order and filters with wildcards' -Skip:(-not $HasShared) {
        $rc = New-ReleaseArchive (Join-Path $TestDrive 'archives/rc/istio-1.31.0-rc.0-linux-amd64.tar.gz') -Version '1.31.0-rc.0'
        $null = Save-MeshRelease -Path $rc.FullName
        $null = Save-MeshRelease -Path $GoodArchive
        $all = Get-MeshRelease
        $all.Version | Should -Be @('1.18.5', '1.31.0-rc.0')
        (Get-MeshRelease -Version '1.18.*').Version | Should -Be '1.18.5'
        (Get-MeshRelease '*-rc.*').Version | Should -Be '1.31.0-rc.0'
        (Get-MeshRelease -Version '1.18.5', '1.*').Version | Should -Be @('1.18.5', '1.31.0-rc.0')
        ('1.31.0-rc.0' | Get-MeshRelease).Path | Should -Be (Join-Path $env:MESHOPS_CACHE 'istio/1.31.0-rc.0/manifests')
        Get-MeshRelease -Version '2.*' | Should -BeNullOrEmpty
    }

    It 'shows releases in a table' -Skip:(-not $HasShared) {
        $null = Save-MeshRelease -Path $GoodArchive
        $table = Get-MeshRelease | Format-Table | Out-String -Width 200
        $table | Should -Match 'Version\s+SavedAt\s+Sha256\s+Source'
        $table | Should -Match ('1\.18\.5\s+\S+ \S+\s+' + (Get-Sha256 $GoodArchive).Substring(0, 12))
    }

    It 'writes a non-terminating IstioReleaseNotCached error for an exact version that is not cached' {
        $found = Get-MeshRelease -Version 1.18.5 -ErrorVariable problems -ErrorAction SilentlyContinue
        $found | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'IstioReleaseNotCached,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].Exception.Message | Should -Match 'Save-MeshRelease -Version 1\.18\.5'
    }

    It 'writes IstioVersionInvalid for a pattern without wildcards that is not a version' {
        $null = Get-MeshRelease -Version 'latest' -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'IstioVersionInvalid,*'
    }
}

Describe 'Tab completion of -Version' {
    BeforeEach { Reset-TestCache }

    BeforeAll {
        function Get-Completion([string] $Line) { (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches }
    }

    It 'offers the cached releases, newest first, to <Command>' -Skip:(-not $HasShared) -ForEach @(
        @{ Command = 'Get-MeshRelease -Version ' }
        @{ Command = 'Get-MeshRelease ' }
        @{ Command = 'Export-MeshManifest -Version ' }
        @{ Command = 'Install-MeshControlPlane -Version ' }
        @{ Command = 'Get-MeshProfile -Version ' }
        @{ Command = 'Save-MeshRelease -Force -Version ' }
    ) {
        $rc = New-ReleaseArchive (Join-Path $TestDrive 'archives/rc/istio-1.31.0-rc.0-linux-amd64.tar.gz') -Version '1.31.0-rc.0'
        $null = Save-MeshRelease -Path $rc.FullName
        $null = Save-MeshRelease -Path $GoodArchive
        $found = Get-Completion $Command
        $found.CompletionText | Should -Be @('1.31.0-rc.0', '1.18.5')
        $found[0].ResultType | Should -Be 'ParameterValue'
        $found[0].ToolTip | Should -BeLike "Istio 1.31.0-rc.0, cached in *"
        (Get-Completion "$($Command)1.1").CompletionText | Should -Be '1.18.5'
        (Get-Completion "$($Command)'1.3").CompletionText | Should -Be '1.31.0-rc.0'
    }

    It 'follows the cache that MESHOPS_CACHE names' -Skip:(-not $HasShared) {
        $null = Save-MeshRelease -Path $GoodArchive
        (Get-Completion 'Export-MeshManifest -Version ').CompletionText | Should -Be '1.18.5'
        Reset-TestCache
        Push-Location (New-Item -ItemType Directory (Join-Path $TestDrive ('empty-' + [guid]::NewGuid().ToString('N'))))
        try {
            # An empty cache offers nothing; PowerShell then falls back to file names, and this folder has none.
            Get-Completion 'Export-MeshManifest -Version ' | Should -BeNullOrEmpty
        }
        finally { Pop-Location }
    }
}

Describe '-Version on the rendering cmdlets' {
    BeforeEach { Reset-TestCache }

    It 'renders from a cached release exactly as from -ManifestsPath' -Skip:(-not $HasShared) {
        $archive = Join-Path $TestDrive 'istio-1.18.5-linux-amd64.tar.gz'
        New-ReleaseArchive $archive
        $null = Save-MeshRelease -Path $archive -Confirm:$false
        $fromCache = Export-MeshManifest -Path (Join-Path $RepoRoot 'examples/my-config.yaml') -Namespace istio-1-18-5 -Version 1.18.5
        $fromPath = Export-MeshManifest -Path (Join-Path $RepoRoot 'examples/my-config.yaml') -Namespace istio-1-18-5 -ManifestsPath $ReleaseManifests -Version $ReleaseVersion
        # The manifests path differs, and istioctl writes it nowhere in the objects: the outputs are equal.
        $fromCache | Should -BeExactly $fromPath
        (Get-MeshProfile -Name minimal -Version 1.18.5).Yaml | Should -Not -BeNullOrEmpty
    }

    It 'names Save-MeshRelease when the version is not cached' {
        { Export-MeshManifest -Profile minimal -Version 1.18.5 -ErrorAction Stop } | Should -Throw -ErrorId 'IstioReleaseNotCached,*'
    }

    It 'asks for -Version when a -ManifestsPath folder cannot tell its release' -Skip:(-not $HasShared) {
        { Export-MeshManifest -Profile minimal -ManifestsPath $ReleaseManifests -ErrorAction Stop } | Should -Throw -ErrorId 'ManifestsVersionUnknown,*'
    }

    It 'takes the release from a release folder''s charts, and refuses a -Version they contradict' {
        $manifests = Join-Path $TestDrive 'manifests'
        $null = New-Item -ItemType Directory (Join-Path $manifests 'charts/base'), (Join-Path $manifests 'profiles') -Force
        Set-Content (Join-Path $manifests 'charts/base/Chart.yaml') "apiVersion: v2`nname: base`nversion: 1.26.8`nappVersion: 1.26.8"
        Set-Content (Join-Path $manifests 'profiles/default.yaml') "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  hub: docker.io/istio`n  tag: 1.26.8"
        (Get-MeshProfile -Name default -ManifestsPath $manifests).IstioOperator.spec.tag | Should -Be '1.26.8'
        { Get-MeshProfile -Name default -ManifestsPath $manifests -Version 1.24.6 -ErrorAction Stop } | Should -Throw -ErrorId 'ManifestsVersionMismatch,*'
    }
}
