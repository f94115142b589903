<#
.SYNOPSIS
Turns docs/en-US/<Cmdlet>.md pages into the module's MAML help file.

.DESCRIPTION
platyPS is not available here, so this is a small converter for the same page layout: a "# Name" title and the
sections SYNOPSIS, DESCRIPTION, EXAMPLES ("### Example N: title", a ```powershell fence, remarks), PARAMETERS
("### -Name", description), INPUTS, OUTPUTS, NOTES and RELATED LINKS. Syntax, parameter types, positions and
pipeline input come from the built cmdlets themselves, so the help can never disagree with the code.
Runs in a fresh pwsh (it imports the built module).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocsPath,
    [Parameter(Mandatory)] [string] $OutputPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = Import-Module $ModulePath -PassThru -Force
# Get-Help adds [<CommonParameters>] itself, but not the optional ones a cmdlet has (-WhatIf and -Confirm with
# SupportsShouldProcess): those are written like the cmdlet's own parameters, as Get-Command -Syntax shows them.
$commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters
$optionalParameterDocs = @{
    WhatIf  = [string[]]@('Shows what would happen if the cmdlet runs. The cmdlet is not run.')
    Confirm = [string[]]@('Prompts you for confirmation before running the cmdlet.')
}

# Splits a page into its "## " sections; each value is the section's lines.
function Split-Sections([string[]] $Lines, [string] $Marker) {
    $sections = [ordered]@{}
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith("$Marker ")) {
            $current = $line.Substring($Marker.Length + 1).Trim()
            $sections[$current] = [System.Collections.Generic.List[string]]::new()
        }
        elseif ($null -ne $current) { $sections[$current].Add($line) }
    }
    return $sections
}

# Paragraphs of prose: blank lines separate them; code fences are kept as one paragraph each.
function Get-Paragraphs([string[]] $Lines) {
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $buffer = [System.Collections.Generic.List[string]]::new()
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') {
            $inFence = -not $inFence
            continue
        }
        if (-not $inFence -and [string]::IsNullOrWhiteSpace($line)) {
            if ($buffer.Count) { $paragraphs.Add(($buffer -join [Environment]::NewLine)); $buffer.Clear() }
            continue
        }
        $buffer.Add($(if ($inFence) { $line } else { $line.Trim() }))
    }
    if ($buffer.Count) { $paragraphs.Add(($buffer -join [Environment]::NewLine)) }
    return , $paragraphs
}

function Write-Paras([System.Xml.XmlWriter] $W, [string[]] $Lines) {
    $W.WriteStartElement('maml', 'description', $maml)
    foreach ($p in (Get-Paragraphs $Lines)) { $W.WriteElementString('maml', 'para', $maml, $p) }
    $W.WriteEndElement()
}

function Write-Parameter([System.Xml.XmlWriter] $W, $Parameter, $SetParameter, [hashtable] $Docs) {
    $isSwitch = $Parameter.ParameterType -eq [switch]
    $W.WriteStartElement('command', 'parameter', $command)
    $W.WriteAttributeString('required', "$($SetParameter.IsMandatory)".ToLowerInvariant())
    $W.WriteAttributeString('variableLength', "$($Parameter.ParameterType.IsArray)".ToLowerInvariant())
    $W.WriteAttributeString('globbing', 'false')
    $pipeline = @()
    if ($SetParameter.ValueFromPipeline) { $pipeline += 'ByValue' }
    if ($SetParameter.ValueFromPipelineByPropertyName) { $pipeline += 'ByPropertyName' }
    $W.WriteAttributeString('pipelineInput', $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }))
    $W.WriteAttributeString('position', $(if ($SetParameter.Position -ge 0) { "$($SetParameter.Position)" } else { 'named' }))
    $W.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('maml', 'name', $maml, $Parameter.Name)
    Write-Paras $W ([string[]]$Docs[$Parameter.Name])
    if (-not $isSwitch) {
        $W.WriteStartElement('command', 'parameterValue', $command)
        $W.WriteAttributeString('required', 'true')
        $W.WriteAttributeString('variableLength', "$($Parameter.ParameterType.IsArray)".ToLowerInvariant())
        $W.WriteString($Parameter.ParameterType.Name)
        $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $dev)
    $W.WriteElementString('maml', 'name', $maml, $Parameter.ParameterType.FullName)
    $W.WriteEndElement()
    $W.WriteEndElement()
}

function Write-TypeList([System.Xml.XmlWriter] $W, [string] $Outer, [string] $Inner, $Lines) {
    $W.WriteStartElement('command', $Outer, $command)
    if ($Lines) {
        foreach ($entry in (Split-Sections $Lines '###').GetEnumerator()) {
            $W.WriteStartElement('command', $Inner, $command)
            $W.WriteStartElement('dev', 'type', $dev)
            $W.WriteElementString('maml', 'name', $maml, $entry.Key)
            $W.WriteEndElement()
            Write-Paras $W ([string[]]$entry.Value)
            $W.WriteEndElement()
        }
    }
    $W.WriteEndElement()
}

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$writer = [System.Xml.XmlWriter]::Create($OutputPath, $settings)
$writer.WriteStartDocument()
$writer.WriteStartElement('helpItems', 'http://msh')
$writer.WriteAttributeString('schema', 'maml')
$writer.WriteAttributeString('xmlns', 'maml', $null, $maml)
$writer.WriteAttributeString('xmlns', 'command', $null, $command)
$writer.WriteAttributeString('xmlns', 'dev', $null, $dev)

$missing = @()
foreach ($cmd in (Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)) {
    $page = Join-Path $DocsPath "$($cmd.Name).md"
    if (-not (Test-Path $page)) { $missing += $cmd.Name; continue }
    $sections = Split-Sections (Get-Content $page) '##'
    foreach ($required in 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES') {
        if (-not $sections.Contains($required)) { throw "$page has no '## $required' section." }
    }
    $parameterDocs = $optionalParameterDocs.Clone()
    if ($sections.Contains('PARAMETERS')) {
        foreach ($p in (Split-Sections $sections['PARAMETERS'] '###').GetEnumerator()) {
            $parameterDocs[$p.Key.TrimStart('-')] = [string[]]$p.Value
        }
    }

    $writer.WriteStartElement('command', 'command', $command)
    $writer.WriteStartElement('command', 'details', $command)
    $writer.WriteElementString('command', 'name', $command, $cmd.Name)
    $writer.WriteElementString('command', 'verb', $command, $cmd.Verb)
    $writer.WriteElementString('command', 'noun', $command, $cmd.Noun)
    Write-Paras $writer ([string[]]$sections['SYNOPSIS'])
    $writer.WriteEndElement()
    Write-Paras $writer ([string[]]$sections['DESCRIPTION'])

    $ownParameters = $cmd.Parameters.Values | Where-Object { $_.Name -notin $commonParameters }
    $writer.WriteStartElement('command', 'syntax', $command)
    foreach ($set in $cmd.ParameterSets) {
        $writer.WriteStartElement('command', 'syntaxItem', $command)
        $writer.WriteElementString('maml', 'name', $maml, $cmd.Name)
        foreach ($sp in ($set.Parameters | Where-Object { $_.Name -notin $commonParameters })) {
            $p = $cmd.Parameters[$sp.Name]
            Write-Parameter $writer $p $sp $parameterDocs
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'parameters', $command)
    foreach ($p in $ownParameters) {
        $sp = $cmd.ParameterSets.Parameters | Where-Object Name -EQ $p.Name | Select-Object -First 1
        Write-Parameter $writer $p $sp $parameterDocs
    }
    $writer.WriteEndElement()

    Write-TypeList $writer 'inputTypes' 'inputType' $(if ($sections.Contains('INPUTS')) { $sections['INPUTS'] })
    Write-TypeList $writer 'returnValues' 'returnValue' $(if ($sections.Contains('OUTPUTS')) { $sections['OUTPUTS'] })

    if ($sections.Contains('NOTES')) {
        $writer.WriteStartElement('maml', 'alertSet', $maml)
        $writer.WriteStartElement('maml', 'alert', $maml)
        foreach ($para in (Get-Paragraphs ([string[]]$sections['NOTES']))) { $writer.WriteElementString('maml', 'para', $maml, $para) }
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }

    $writer.WriteStartElement('command', 'examples', $command)
    foreach ($example in (Split-Sections $sections['EXAMPLES'] '###').GetEnumerator()) {
        $lines = [string[]]$example.Value
        $code = [System.Collections.Generic.List[string]]::new()
        $remarks = [System.Collections.Generic.List[string]]::new()
        $inFence = $false; $fenceDone = $false
        foreach ($line in $lines) {
            if ($line -match '^```') { if ($inFence) { $fenceDone = $true }; $inFence = -not $inFence; continue }
            if ($inFence -and -not $fenceDone) { $code.Add($line) } elseif (-not $inFence) { $remarks.Add($line) }
        }
        $writer.WriteStartElement('command', 'example', $command)
        $writer.WriteElementString('maml', 'title', $maml, "-------------------------- $($example.Key) --------------------------")
        $writer.WriteElementString('dev', 'code', $dev, ($code -join [Environment]::NewLine))
        $writer.WriteStartElement('dev', 'remarks', $dev)
        foreach ($para in (Get-Paragraphs $remarks.ToArray())) { $writer.WriteElementString('maml', 'para', $maml, $para) }
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'relatedLinks', $command)
    if ($sections.Contains('RELATED LINKS')) {
        foreach ($line in $sections['RELATED LINKS']) {
            if ($line -match '^\s*\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)') {
                $writer.WriteStartElement('maml', 'navigationLink', $maml)
                $writer.WriteElementString('maml', 'linkText', $maml, $Matches['text'])
                $writer.WriteElementString('maml', 'uri', $maml, $(if ("$($Matches['uri'])" -match '^https?://') { $Matches['uri'] } else { '' }))
                $writer.WriteEndElement()
            }
        }
    }
    $writer.WriteEndElement()
    $writer.WriteEndElement()
}

$writer.WriteEndElement()
$writer.WriteEndDocument()
$writer.Dispose()

if ($missing) { throw "No help page in $DocsPath for: $($missing -join ', '). Every cmdlet needs docs/en-US/<Name>.md." }
