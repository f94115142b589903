# Uninstall-MeshControlPlane against a cluster where revision 'stable' (minimal profile) is installed.
@{
    Cmdlet = 'Uninstall-MeshControlPlane'
    Cases  = @(
        @{ Name = 'revision-unknown'; Params = @{ Revision = 'nope' }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-unknown-force'; Params = @{ Revision = 'nope'; Force = $true }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-unknown-purge'; Params = @{ Revision = 'nope'; Purge = $true }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-dot'; Params = @{ Revision = 'BAD.REV' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'revision-dot-force'; Params = @{ Revision = 'BAD.REV'; Force = $true }; ErrorId = 'RevisionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'revision-wildcard'; Params = @{ Revision = '*' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'revision-is-a-tag'; Params = @{ Revision = 'default' }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'retries-past-deadline'; Params = @{ Revision = 'stable'; RequestTimeout = '00:00:01' }; Faults = @{ serviceUnavailableRate = 1.0; retryAfterSeconds = 3 }; ErrorId = 'KubeDeadlineExceeded'; Category = 'OperationTimeout' }
        @{ Name = 'revision-empty'; Params = @{ Revision = '' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Name = 'revision-64-chars'; Params = @{ Revision = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidArgument' }
    )
}
