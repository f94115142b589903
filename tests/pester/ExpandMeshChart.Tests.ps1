# Expand-MeshChart's helm template flags through the built module: files written by -OutputDirectory (and not
# with -WhatIf or for a refused chart), -ShowOnly errors, -SetFile paths from the current location, broken
# archives. Parity of the text with Helm is HelmCorpus.Tests.ps1's and the engine's differential tests' job.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $MeshOpsModule -Force

    function New-TestChart([string] $Root) {
        $chart = Join-Path $Root 'demo'
        New-Item -ItemType Directory -Force (Join-Path $chart 'templates'), (Join-Path $chart 'charts/sub/templates') | Out-Null
        Set-Content (Join-Path $chart 'Chart.yaml') "apiVersion: v2`nname: demo`nversion: 0.1.0`n"
        Set-Content (Join-Path $chart 'values.yaml') "name: demo`nnote: chart`n"
        Set-Content (Join-Path $chart 'templates/cm.yaml') @'
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ required "name is required" .Values.name }}
data:
  upgrade: {{ .Release.IsUpgrade | quote }}
  note: {{ .Values.note | quote }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: second
'@
        Set-Content (Join-Path $chart 'templates/test.yaml') "apiVersion: v1`nkind: Pod`nmetadata:`n  name: t`n  annotations:`n    helm.sh/hook: test`n"
        Set-Content (Join-Path $chart 'charts/sub/Chart.yaml') "apiVersion: v2`nname: sub`nversion: 0.1.0`n"
        Set-Content (Join-Path $chart 'charts/sub/templates/sa.yaml') "apiVersion: v1`nkind: ServiceAccount`nmetadata:`n  name: sub`n"
        $chart
    }
}

Describe 'Expand-MeshChart -OutputDirectory' {
    BeforeEach {
        $script:Chart = New-TestChart (Join-Path $TestDrive ([guid]::NewGuid()))
        $script:Out = Join-Path $TestDrive ([guid]::NewGuid())
    }

    It 'writes helm''s layout, appends documents of one template, and returns each file once' {
        $files = Expand-MeshChart $Chart -OutputDirectory $Out
        $files | Should -BeOfType ([IO.FileInfo])
        ($files.FullName | ForEach-Object { [IO.Path]::GetRelativePath($Out, $_) -replace '\\', '/' }) |
            Should -Be @('demo/charts/sub/templates/sa.yaml', 'demo/templates/cm.yaml', 'demo/templates/test.yaml')
        $cm = Get-Content -Raw (Join-Path $Out 'demo/templates/cm.yaml')
        ([regex]::Matches($cm, '(?m)^# Source: demo/templates/cm.yaml$')).Count | Should -Be 2
        $cm | Should -Match '(?m)^  name: second$'
    }

    It 'leaves test hooks out with -SkipTests and all hooks with -NoHooks' {
        (Expand-MeshChart $Chart -OutputDirectory $Out -SkipTests).Name | Should -Not -Contain 'test.yaml'
        Test-Path (Join-Path $Out 'demo/templates/test.yaml') | Should -BeFalse
        (Expand-MeshChart $Chart -OutputDirectory (Join-Path $Out 'n') -NoHooks).Name | Should -Be @('sa.yaml', 'cm.yaml')
    }

    It 'writes nothing with -WhatIf' {
        Expand-MeshChart $Chart -OutputDirectory $Out -WhatIf | Should -BeNullOrEmpty
        Test-Path $Out | Should -BeFalse
    }

    It 'writes nothing for a chart Helm refuses' {
        { Expand-MeshChart $Chart -OutputDirectory $Out -Set name=null -ErrorAction Stop } |
            Should -Throw -ErrorId 'TemplateExecutionError,*'
        Test-Path $Out | Should -BeFalse
    }

    It 'refuses -ShowOnly with it, before rendering' {
        { Expand-MeshChart $Chart -OutputDirectory $Out -ShowOnly templates/cm.yaml -ErrorAction Stop } |
            Should -Throw -ErrorId 'ShowOnlyWithOutputDirectory,*'
        Test-Path $Out | Should -BeFalse
    }
}

Describe 'Expand-MeshChart flags' {
    BeforeAll {
        $script:Chart = New-TestChart (Join-Path $TestDrive 'flags')
    }

    It 'prints only the documents of -ShowOnly templates, and names a missing one as Helm does' {
        $yaml = Expand-MeshChart $Chart -ShowOnly 'charts/*/templates/*'
        $yaml | Should -BeExactly "---`n# Source: demo/charts/sub/templates/sa.yaml`napiVersion: v1`nkind: ServiceAccount`nmetadata:`n  name: sub`n"
        $err = $null
        try { Expand-MeshChart $Chart -ShowOnly templates/nope.yaml -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'TemplateNotFound,*'
        $err.Exception.Message | Should -BeExactly 'could not find template templates/nope.yaml in chart'
    }

    It 'sets .Release.IsUpgrade with -IsUpgrade' {
        (Expand-MeshChart $Chart -ShowOnly templates/cm.yaml) | Should -Match 'upgrade: "false"'
        (Expand-MeshChart $Chart -ShowOnly templates/cm.yaml -IsUpgrade) | Should -Match 'upgrade: "true"'
    }

    It 'reads -SetFile paths from the current location and applies -SetLiteral last' {
        Set-Content (Join-Path $TestDrive 'note.txt') -NoNewline 'from file'
        Push-Location $TestDrive
        try {
            (Expand-MeshChart $Chart -SetFile note=note.txt -ShowOnly templates/cm.yaml) | Should -Match 'note: "from file"'
            (Expand-MeshChart $Chart -SetFile note=note.txt -SetLiteral 'note=a,b\c' -ShowOnly templates/cm.yaml) | Should -Match ([regex]::Escape('note: "a,b\\c"'))
        }
        finally { Pop-Location }
    }

    It 'names a missing -SetFile file as Helm does' {
        { Expand-MeshChart $Chart -SetFile note=/nonexistent/file.txt -ErrorAction Stop } |
            Should -Throw -ExpectedMessage 'failed parsing --set-file data: open /nonexistent/file.txt: no such file or directory'
    }
}

Describe 'Expand-MeshChart with a broken archive' {
    It 'fails as ChartArchiveInvalid (InvalidData) naming the file, for <Name>' -ForEach @(
        @{ Name = 'an empty file'; Bytes = [byte[]]@() }
        @{ Name = 'a cut-short gzip'; Bytes = [byte[]]@(0x1f, 0x8b, 0x08, 0x00) }
    ) {
        $path = Join-Path $TestDrive "broken-$([guid]::NewGuid()).tgz"
        [IO.File]::WriteAllBytes($path, $Bytes)
        $err = $null
        try { Expand-MeshChart $path -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ChartArchiveInvalid,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -BeLike "*'$path'*"
    }
}
